import { z } from 'zod';
import { CHANNELS } from '../../../core/inbound/index.js';
import { MODULE_TYPES } from '../../../core/desk/index.js';
import { TICKET_NUMBER_PATTERN, TICKET_STATUSES } from '../../../core/tickets/index.js';
import type { TicketFilter } from '../../../core/ports/index.js';
import { err, ok, type Result } from '../../../core/shared/index.js';
import type { ErrorDetail } from '../http-errors.js';
import { issueMessage, toErrorDetails } from './issue-message.js';

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 200;

/** `status=new,accepted` or `status=new&status=accepted`; each value must be one of `allowed`. */
function csvOf<T extends string>(allowed: readonly T[], field: string) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value, ctx): T[] | undefined => {
      if (value === undefined) return undefined;
      const items = [value]
        .flat()
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v !== '');
      const unknown = items.filter((v) => !(allowed as readonly string[]).includes(v));
      if (unknown.length > 0) {
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `Unknown ${field} ${unknown.map((v) => JSON.stringify(v)).join(', ')}; allowed: ${allowed.join(', ')}.`,
        });
        return z.NEVER;
      }
      return items.length > 0 ? ([...new Set(items)] as T[]) : undefined;
    });
}

const intParam = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, 'Must be a whole number.')
    .optional()
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .pipe(z.number().int().min(min).max(max));

export const ticketListQuerySchema = z.object({
  status: csvOf(TICKET_STATUSES, 'status'),
  channel: csvOf(CHANNELS, 'channel'),
  category: csvOf(MODULE_TYPES, 'category'),
  limit: intParam(1, MAX_LIST_LIMIT, DEFAULT_LIST_LIMIT),
  offset: intParam(0, Number.MAX_SAFE_INTEGER, 0),
});

export function parseTicketListQuery(query: unknown): Result<TicketFilter, ErrorDetail[]> {
  const parsed = ticketListQuerySchema.safeParse(query ?? {}, { error: issueMessage('en') });
  if (!parsed.success) return err(toErrorDetails(parsed.error.issues));
  const { status, channel, category, limit, offset } = parsed.data;
  return ok({
    limit,
    offset,
    ...(status && { status }),
    ...(channel && { channel }),
    ...(category && { category }),
  });
}

/** Ticket numbers are matched case-insensitively (`inc-20261123-0001` is fine in a URL). */
export function parseTicketNumber(raw: string): Result<string, ErrorDetail[]> {
  const number = raw.trim().toUpperCase();
  if (TICKET_NUMBER_PATTERN.test(number)) return ok(number);
  return err([{ path: 'number', message: `"${raw}" is not a ticket number (like INC-20261123-0001).` }]);
}
