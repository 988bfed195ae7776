import { Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { backoffStrategy } from '../adapters/queue/job-options.js';
import { createRedisConnection } from '../adapters/queue/redis-connection.js';
import { TIMER_QUEUE, TIMER_SWEEP_JOB, timerJobSchema } from '../adapters/timers/timer-job.js';
import type { FireTimerOutcome, FireTimerUseCase } from '../core/use-cases/fire-timer/fire-timer.use-case.js';
import { parsePayload, unwrap } from './use-case-outcome.js';

/**
 * timers: a durable timer is due, and the use case claims its row and runs the feature's handler;
 * or the sweep's turn, which queues the timers that came within the horizon.
 */
export const timerProcessor =
  (fire: FireTimerUseCase, sweep: () => Promise<number>) =>
  async (job: Job): Promise<FireTimerOutcome | { queued: number }> => {
    if (job.name === TIMER_SWEEP_JOB) return { queued: await sweep() };
    const { ticketId, kind, n, version } = parsePayload(timerJobSchema, job.data);
    return unwrap(await fire.execute({ ticketId, kind, n, version }));
  };

export interface TimerWorkerOptions {
  redisUrl: string;
  prefix: string;
  fire: FireTimerUseCase;
  /** Queues the timers due within the horizon; returns how many. */
  sweep: () => Promise<number>;
  logger: Logger;
  /** Handlers mostly wait on the database and Redis; many may run side by side. */
  concurrency?: number;
  /** How soon a timer held by a dead worker is fired by another (BullMQ default 30 s). */
  stalledIntervalMs?: number;
}

export interface TimerWorker {
  worker: Worker;
  close(): Promise<void>;
}

export function startTimerWorker(options: TimerWorkerOptions): TimerWorker {
  const { logger } = options;
  const connection = createRedisConnection(options.redisUrl, 'worker', logger);
  const worker = new Worker(TIMER_QUEUE, timerProcessor(options.fire, options.sweep), {
    connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 32,
    settings: { backoffStrategy },
    ...(options.stalledIntervalMs
      ? { stalledInterval: options.stalledIntervalMs, lockDuration: options.stalledIntervalMs }
      : {}),
  });
  worker.on('failed', (job, error) =>
    logger.warn({ queue: TIMER_QUEUE, jobId: job?.id, err: error.message }, 'timer job failed'),
  );
  worker.on('error', (error) =>
    logger.error({ queue: TIMER_QUEUE, err: error.message }, 'timer worker error'),
  );
  return {
    worker,
    async close() {
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
