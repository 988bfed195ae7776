import { Worker, type Job, type Queue } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import { backoffStrategy } from '../adapters/queue/job-options.js';
import { createRedisConnection } from '../adapters/queue/redis-connection.js';
import type { DailyReportOutcome, SendDailyReportUseCase } from '../core/kpi/index.js';
import { parsePayload, unwrap } from './use-case-outcome.js';

export const DAILY_REPORT_QUEUE = 'daily-report';
/** One schedule per installation, however many worker processes upsert it. */
export const DAILY_REPORT_SCHEDULER_ID = 'daily-kpi-report';

/** A job may name the day to report (an operator's re-run); the scheduled ones report the day before they were due. */
const dailyReportJobSchema = z.object({ day: z.string().optional() });

export const dailyReportProcessor =
  (send: Pick<SendDailyReportUseCase, 'execute'>) =>
  async (job: Job): Promise<DailyReportOutcome> => {
    const { day } = parsePayload(dailyReportJobSchema, job.data);
    // When the job was due, not when it ran: a worker back after midnight still sends the right day.
    const dueAt = new Date(job.timestamp + (job.delay > 0 ? job.delay : 0));
    return unwrap(await send.execute(day ? { day } : { at: dueAt }));
  };

export interface DailyReportWorker {
  worker: Worker;
  close(): Promise<void>;
}

/**
 * Schedules the daily report (a cron pattern in the desk's zone) on `queue` and consumes it.
 * `pattern` is the cron pattern (minute hour * * *, or with seconds first).
 */
export async function startDailyReportWorker(options: {
  queue: Queue;
  pattern: string;
  timeZone: string;
  send: Pick<SendDailyReportUseCase, 'execute'>;
  redisUrl: string;
  prefix: string;
  logger: Logger;
}): Promise<DailyReportWorker> {
  const { logger } = options;
  await options.queue.upsertJobScheduler(
    DAILY_REPORT_SCHEDULER_ID,
    { pattern: options.pattern, tz: options.timeZone },
    { name: 'daily-report', data: {}, opts: { attempts: 10, backoff: { type: 'capped-exponential' } } },
  );
  const connection = createRedisConnection(options.redisUrl, 'worker', logger);
  const worker = new Worker(DAILY_REPORT_QUEUE, dailyReportProcessor(options.send), {
    connection,
    prefix: options.prefix,
    concurrency: 1,
    settings: { backoffStrategy },
  });
  worker.on('completed', (job, outcome: DailyReportOutcome) =>
    logger.info(
      { day: outcome.day, queued: outcome.queued.length, unreachable: outcome.unreachable },
      'daily KPI report queued',
    ),
  );
  worker.on('failed', (job, error) =>
    logger.warn({ queue: DAILY_REPORT_QUEUE, jobId: job?.id, err: error.message }, 'daily report failed'),
  );
  worker.on('error', (error) =>
    logger.error({ queue: DAILY_REPORT_QUEUE, err: error.message }, 'worker error'),
  );
  return {
    worker,
    async close() {
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}

/** No `reports:` in desk.yaml any more: the schedule goes too, so no report is sent. */
export async function stopDailyReportSchedule(queue: Queue): Promise<void> {
  await queue.removeJobScheduler(DAILY_REPORT_SCHEDULER_ID);
}
