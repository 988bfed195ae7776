import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { apiDisabled, unauthorized } from '../http-errors.js';

// Hashing first gives equal-length buffers, so the comparison takes the same time whatever the input.
const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Token API guard. No configured token means the API is switched off, not open. */
export function bearerAuth(apiToken: string | null): RequestHandler {
  const expected = apiToken === null ? null : digest(apiToken);
  return (req, _res, next) => {
    if (expected === null) return next(apiDisabled());
    const header = req.get('authorization');
    const match = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) return next(unauthorized('missing'));
    if (!timingSafeEqual(digest(match[1]), expected)) return next(unauthorized('invalid'));
    next();
  };
}
