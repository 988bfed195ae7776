import type { RequestHandler } from 'express';
import { methodNotAllowed } from '../http-errors.js';

/** Ends a route's method list: any other method on a known path is a 405 with `Allow`. */
export const onlyMethods =
  (...allowed: string[]): RequestHandler =>
  (_req, _res, next) =>
    next(methodNotAllowed(allowed));
