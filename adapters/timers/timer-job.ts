import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import { TIMER_KIND_PATTERN, type StoredTimer } from '../../core/ports/timer-scheduler.port.js';

/** The one queue every durable timer rings on, whatever feature owns it. */
export const TIMER_QUEUE = 'timers';

export const timerJobSchema = z.object({
  ticketId: z.string().min(1).max(200),
  kind: z.string().regex(TIMER_KIND_PATTERN),
  n: z.number().int().min(0),
  version: z.number().int().min(1),
  dueAt: z.string(),
});
export type TimerJobPayload = z.infer<typeof timerJobSchema>;

/**
 * `sla-<ticket>-response-breach-<n>-v<version>`: DESIGN.md's `sla:<ticket>:<kind>:<n>` with dashes,
 * because BullMQ forbids ':' in custom job ids, and with the row's version so that a moved timer's
 * new job never collides with its old one still in the queue (or running right now).
 */
export function timerJobId(t: Pick<StoredTimer, 'ticketId' | 'kind' | 'n' | 'version'>): string {
  const dot = t.kind.indexOf('.');
  return `${t.kind.slice(0, dot)}-${t.ticketId}-${t.kind.slice(dot + 1)}-${t.n}-v${t.version}`;
}

export const timerPayload = (t: StoredTimer): TimerJobPayload => ({
  ticketId: t.ticketId,
  kind: t.kind,
  n: t.n,
  version: t.version,
  dueAt: t.dueAt.toISOString(),
});

/**
 * Completed timer jobs are deleted at once: the row says it fired, and keeping the job would only
 * cost memory (10,000s of reminders). Failed ones stay a week for operators, retried with backoff.
 */
export const timerJobOptions = (t: StoredTimer, nowMs: number): JobsOptions => ({
  jobId: timerJobId(t),
  delay: Math.max(0, t.dueAt.getTime() - nowMs),
  attempts: 20,
  backoff: { type: 'capped-exponential' },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
});
