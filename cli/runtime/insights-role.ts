import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { AppConfig } from '../../adapters/config/app-config.js';
import type { Database } from '../../adapters/db/index.js';
import { DrizzleDeskOverviewQueries } from '../../adapters/db/desk-overview.queries.js';
import { DrizzleKpiRepository } from '../../adapters/db/kpi.repository.js';
import type { InsightsDeps } from '../../adapters/http/dashboard/insights.js';
import { dashboardLogins } from '../../adapters/http/dashboard/dashboard-logins.js';
import type { HealthReport } from '../../adapters/http/health.js';
import { createDeskMetrics } from '../../adapters/metrics/index.js';
import { QUEUES, notifyQueue } from '../../adapters/queue/queue-names.js';
import { createRedisConnection } from '../../adapters/queue/redis-connection.js';
import { CHANNELS } from '../../core/inbound/channel.js';
import { GetKpiReportUseCase } from '../../core/kpi/index.js';
import type { Clock, PersonRepository } from '../../core/ports/index.js';

export interface InsightsRole {
  deps: InsightsDeps;
  report: GetKpiReportUseCase;
  close(): Promise<void>;
}

/** Every queue deskbot has, for the depth gauges and the operators' board. */
export const ALL_QUEUE_NAMES: readonly string[] = [...Object.values(QUEUES), ...CHANNELS.map(notifyQueue)];

/** KPIs, dashboard, queue board and /metrics for the api role. */
export function startInsights(opts: {
  config: AppConfig;
  database: Database;
  people: PersonRepository;
  clock: Clock;
  redisUrl: string;
  health: () => Promise<HealthReport>;
  logger: Logger;
}): InsightsRole {
  const { config } = opts;
  const report = new GetKpiReportUseCase({
    kpis: new DrizzleKpiRepository(opts.database.db),
    people: opts.people,
    clock: opts.clock,
    desk: config.desk,
  });
  const overview = new DrizzleDeskOverviewQueries(opts.database.db);
  const connection = createRedisConnection(opts.redisUrl, 'producer', opts.logger);
  const queues = ALL_QUEUE_NAMES.map((name) => new Queue(name, { connection, prefix: config.queuePrefix }));
  const password = config.dashboardPassword ?? config.apiToken;
  return {
    report,
    deps: {
      report,
      overview,
      metrics: createDeskMetrics({ queues, overview, health: opts.health }),
      metricsToken: config.metricsToken,
      dashboardPassword: config.dashboardPassword,
      logins: dashboardLogins(config.desk.people),
      // Derived from the password: every api process accepts the same cookies, and changing the password logs everyone out.
      sessionSecret: createHash('sha256')
        .update(`deskbot-dashboard-session:${password ?? ''}`)
        .digest('hex'),
      secureCookies: config.publicUrl?.startsWith('https:') ?? false,
      queues,
    },
    async close() {
      await Promise.all(queues.map((q) => q.close()));
      await connection.quit().catch(() => undefined);
    },
  };
}
