import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { rateLimited } from '../http-errors.js';

export interface RateLimitOptions {
  windowMs: number;
  limit: number;
}

export const DEFAULT_PUBLIC_RATE_LIMIT: RateLimitOptions = { windowMs: 60_000, limit: 60 };

/**
 * Per-IP limit for an unauthenticated route. Each route gets its own budget so that a page polling
 * its ticket does not use up the reporter's right to submit. Over the limit, the error goes through
 * the one error handler (JSON or page), with the draft-8 `RateLimit` headers already set.
 */
export function publicRateLimit(name: string, options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: name,
    handler: (_req, _res, next) => next(rateLimited()),
  });
}
