import type { BackoffStrategy, JobsOptions } from 'bullmq';

/** Doubling from half a second, capped at a minute: 20 attempts span about a quarter of an hour. */
export const backoffStrategy: BackoffStrategy = (attemptsMade) =>
  Math.min(60_000, 500 * 2 ** Math.max(0, attemptsMade - 1));

/**
 * Transient failures (a database restart, a lost connection) are retried long enough to ride
 * them out; completed jobs are kept for a while so that a redelivered message with the same job
 * id is recognised by BullMQ before it reaches the database's own uniqueness check; failed ones
 * for a week so operators can see why. A failed job is not the end: the same work queued again
 * (a resubmitted form, the boot-time reconciliation) revives it (see BullmqJobScheduler.requeue).
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 20,
  backoff: { type: 'capped-exponential' },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
