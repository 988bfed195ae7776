import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import type { UseCaseError } from '../../../core/use-cases/use-case.errors.js';
import { HttpError, validationFailed, type ErrorDetail } from '../http-errors.js';
import { localToInstant } from '../../../core/handover/shift-ends.js';
import { requireContentType } from '../middleware/index.js';
import { issueMessage, toErrorDetails } from '../schemas/issue-message.js';

export const BODY_LIMIT = '64kb';

/** JSON (or a form post) bodies up to 64 kB; anything else is a 415. */
export const parseBody = (): RequestHandler[] => [
  requireContentType(['application/json', 'application/x-www-form-urlencoded']),
  express.json({ limit: BODY_LIMIT }),
  express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 50 }),
];

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {}, { error: issueMessage('en') });
  if (!parsed.success) throw validationFailed(toErrorDetails(parsed.error.issues));
  return parsed.data;
}

/** `Idempotency-Key` makes a retried POST return what the first one did. */
export function idempotencyKey(header: string | undefined, fallback: () => string): string {
  if (header === undefined) return fallback();
  if (!/^[\x21-\x7e]{1,200}$/.test(header))
    throw validationFailed([
      { path: 'Idempotency-Key', message: 'Must be 1–200 printable ASCII characters.' },
    ]);
  return header;
}

const STATUS_OF: Record<string, 'NOT_FOUND' | 'TICKET_NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT'> = {
  TICKET_NOT_FOUND: 'TICKET_NOT_FOUND',
  COMPLAINT_NOT_FOUND: 'NOT_FOUND',
  COMPLAINT_NOT_ENTITLED: 'FORBIDDEN',
  COMPLAINT_INVALID_STEP: 'CONFLICT',
  COMPLAINT_CONCURRENT_UPDATE: 'CONFLICT',
};

/** A use case's expected failure as an HTTP error; the stable use-case code goes along in details. */
export function fromUseCaseError(e: UseCaseError, field?: string): HttpError {
  const code = STATUS_OF[e.code];
  const details: ErrorDetail[] = [{ path: field ?? e.code, message: e.message }];
  if (code) return new HttpError(code, `${e.code}: ${e.message}`, details);
  return validationFailed(details, `${e.code}: ${e.message}`);
}

/** `from`/`to` as ISO instants or desk-local dates (YYYY-MM-DD, the day's start). */
export const periodQuerySchema = z.object({
  from: z.string().trim().min(1).optional(),
  to: z.string().trim().min(1).optional(),
});

const DAY = 86_400_000;
const MAX_SPAN_DAYS = 400;

function instantOf(raw: string, field: 'from' | 'to', timeZone: string): Date | ErrorDetail {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const start = localToInstant(raw, 0, timeZone);
    if (Number.isNaN(start.getTime())) return { path: field, message: `"${raw}" is not a date.` };
    // A date names a whole day: `to=2026-11-30` includes the 30th.
    return field === 'to' ? localToInstant(raw, 24 * 60, timeZone) : start;
  }
  const at = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(at.getTime()))
    return { path: field, message: `"${raw}" is neither a date (2026-11-23) nor an ISO instant.` };
  return at;
}

/** The period of a report: default the last 30 days; at most 400 days; from before to. */
export function parsePeriod(query: unknown, now: Date, timeZone: string): { from: Date; to: Date } {
  const q = parseWith(periodQuerySchema, query);
  const to = q.to ? instantOf(q.to, 'to', timeZone) : now;
  const from = q.from ? instantOf(q.from, 'from', timeZone) : null;
  const problems = [to, from].filter((x): x is ErrorDetail => x !== null && !(x instanceof Date));
  if (problems.length > 0) throw validationFailed(problems);
  const end = to as Date;
  const start = (from as Date | null) ?? new Date(end.getTime() - 30 * DAY);
  if (start.getTime() >= end.getTime())
    throw validationFailed([{ path: 'from', message: '`from` must be before `to`.' }]);
  if (end.getTime() - start.getTime() > MAX_SPAN_DAYS * DAY)
    throw validationFailed([{ path: 'from', message: `At most ${MAX_SPAN_DAYS} days at a time.` }]);
  return { from: start, to: end };
}
