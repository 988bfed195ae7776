import type { JobsOptions } from 'bullmq';

/**
 * Retries with exponential backoff for transient failures; completed jobs are kept for a while so
 * that a redelivered message with the same job id is recognised by BullMQ before it reaches the
 * database's own uniqueness check, failed ones for a week so operators can see why.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
