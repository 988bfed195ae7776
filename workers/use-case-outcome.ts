import { UnrecoverableError } from 'bullmq';
import type { ZodType } from 'zod';
import type { Result } from '../core/shared/result.js';
import type { UseCaseError } from '../core/use-cases/use-case.errors.js';

/** A payload that does not parse will never parse: fail the job once, visibly, with the reason. */
export function parsePayload<T>(schema: ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new UnrecoverableError(`Invalid job payload: ${why}`);
  }
  return parsed.data;
}

/** Turns a use case's result into what BullMQ understands: a value, a retry, or a permanent failure. */
export function unwrap<T>(result: Result<T, UseCaseError>): T {
  if (result.ok) return result.value;
  const { code, message, retryable } = result.error;
  if (retryable) throw new Error(`${code}: ${message}`);
  throw new UnrecoverableError(`${code}: ${message}`);
}
