import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import { TIMER_KIND_PATTERN, type StoredTimer } from '../../core/ports/timer-scheduler.port.js';

/** The one queue every durable timer rings on, whatever feature owns it. */
export const TIMER_QUEUE = 'timers';

/**
 * Only timers due within this much time have a delayed job; the rest wait in their table until the
 * sweep (below) queues them. Most timers never come due: a response reminder is cancelled when the
 * engineer answers, a resolution deadline when the ticket is resolved. A job for each would cost
 * Redis memory for every open ticket's every deadline, and adding them at dispatch (about six a
 * ticket) was half of Redis's CPU and a sixth of the process's in the pipeline bench.
 */
export const TIMER_HORIZON_MS = 2 * 60_000;
/**
 * How often a worker queues the timers that came near (a BullMQ job scheduler, so one sweep per
 * interval however many workers run). A sweep's band ends one interval short of the horizon (see
 * BullmqTimerScheduler.queueDue), so a job is queued 60–90 s before its timer is due, and a sweep
 * can run up to 60 s late with nothing firing late.
 */
export const TIMER_SWEEP_MS = 30_000;
/** The sweep's job name; timer kinds are family.name, so it never collides with one. */
export const TIMER_SWEEP_JOB = 'sweep';
export const TIMER_SWEEP_SCHEDULER_ID = 'timer-sweep';

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
