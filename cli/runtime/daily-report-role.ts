import type { Logger } from 'pino';
import type { Database } from '../../adapters/db/index.js';
import { DrizzleKpiRepository } from '../../adapters/db/kpi.repository.js';
import type { BullmqJobScheduler } from '../../adapters/queue/bullmq-job-scheduler.js';
import type { DeskSettings } from '../../core/desk/desk-settings.js';
import { ROLES } from '../../core/desk/person.js';
import type { Channel } from '../../core/inbound/channel.js';
import { GetKpiReportUseCase, SendDailyReportUseCase, dailyCronPattern } from '../../core/kpi/index.js';
import type { Clock, PersonRepository } from '../../core/ports/index.js';
import {
  DAILY_REPORT_QUEUE,
  startDailyReportWorker,
  stopDailyReportSchedule,
} from '../../workers/daily-report.worker.js';

/**
 * Workers role: with desk.yaml `reports:`, yesterday's KPI report goes to the named managers every
 * day at `dailyAt` in the desk's zone (a BullMQ job scheduler: one schedule for all processes).
 * Without it, any earlier schedule is removed.
 */
export async function startDailyReportRole(options: {
  desk: DeskSettings;
  database: Database;
  people: PersonRepository;
  scheduler: BullmqJobScheduler;
  enabledChannels: ReadonlySet<Channel>;
  clock: Clock;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** Tests run it every few seconds; desks use `reports.dailyAt`. */
  pattern?: string;
}): Promise<{ send: SendDailyReportUseCase; close(): Promise<void> }> {
  const { desk, logger } = options;
  const report = new GetKpiReportUseCase({
    kpis: new DrizzleKpiRepository(options.database.db),
    people: options.people,
    clock: options.clock,
    desk,
  });
  const send = new SendDailyReportUseCase({
    report,
    people: options.people,
    jobs: options.scheduler,
    clock: options.clock,
    desk,
    enabledChannels: options.enabledChannels,
  });
  const queue = options.scheduler.queue(DAILY_REPORT_QUEUE);
  if (!desk.reports) {
    await stopDailyReportSchedule(queue);
    return { send, close: async () => undefined };
  }
  const known = new Set<string>([...ROLES, ...desk.people.map((p) => p.id)]);
  const unknown = desk.reports.to.filter((name) => !known.has(name));
  if (unknown.length > 0)
    logger.warn({ unknown }, 'reports.to names neither a role nor a person in the roster: nobody gets those');
  const worker = await startDailyReportWorker({
    queue,
    pattern: options.pattern ?? dailyCronPattern(desk.reports.dailyAt),
    timeZone: desk.timezone,
    send,
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    logger,
  });
  logger.info({ at: desk.reports.dailyAt, to: desk.reports.to }, 'daily KPI report scheduled');
  return { send, close: () => worker.close() };
}
