import type { RequestHandler } from 'express';
import { HttpError } from '../http-errors.js';

/** 415 for a body in any other format; a request without a body passes (validation will say what is missing). */
export function requireContentType(types: string[]): RequestHandler {
  return (req, _res, next) => {
    if (req.is(types) === false) {
      next(
        new HttpError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Send the body as ${types.join(' or ')} (got ${req.get('content-type') ?? 'no content type'}).`,
        ),
      );
      return;
    }
    next();
  };
}
