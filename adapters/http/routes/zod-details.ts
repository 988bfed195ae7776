import type { z } from 'zod';
import type { ErrorDetail } from '../http-errors.js';

/** A zod failure as the API's error details: the field path as the client sent it, and why. */
export const zodDetails = (error: z.ZodError): ErrorDetail[] =>
  error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
