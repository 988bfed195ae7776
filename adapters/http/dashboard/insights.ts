import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { Router } from 'express';
import type { Registry } from 'prom-client';
import type { GetKpiReportUseCase } from '../../../core/kpi/index.js';
import type { DeskOverviewQueries, PersonRepository, TicketRepository } from '../../../core/ports/index.js';
import { kpisRouter } from '../routes/kpis.route.js';
import { metricsRouter } from '../routes/metrics.route.js';
import { DASHBOARD_PATH } from './dashboard-layout.js';
import { dashboardRouter } from './dashboard.route.js';
import { Sessions } from './session.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** KPIs, the staff dashboard, the queue board and /metrics (issue 7). */
export interface InsightsDeps {
  report: Pick<GetKpiReportUseCase, 'execute'>;
  overview: DeskOverviewQueries;
  /** prom-client registry for /metrics; absent: no /metrics route. */
  metrics?: Registry;
  /** METRICS_TOKEN; null falls back to the API token. */
  metricsToken: string | null;
  /** DASHBOARD_PASSWORD; null falls back to the API token. */
  dashboardPassword: string | null;
  /** Staff with their own dashboard password: person id → scrypt hash (see dashboardLogins). */
  logins?: ReadonlyMap<string, string>;
  /** Signs session cookies (DASHBOARD_SESSION_SECRET, else derived from the password). */
  sessionSecret: string;
  secureCookies?: boolean;
  /** Queues shown on the operators' board (bull-board). */
  queues: readonly Queue[];
}

export interface InsightsContext {
  apiToken: string | null;
  tickets: TicketRepository;
  people: PersonRepository;
  deskName: string;
  timeZone: string;
  now: () => Date;
}

export function insightsRouter(deps: InsightsDeps, ctx: InsightsContext): Router {
  const router = Router();
  router.use(kpisRouter({ apiToken: ctx.apiToken, report: deps.report, timeZone: ctx.timeZone }));
  if (deps.metrics)
    router.use(metricsRouter({ registry: deps.metrics, token: deps.metricsToken ?? ctx.apiToken }));

  const sessions = new Sessions({ secret: deps.sessionSecret, secure: deps.secureCookies ?? false });
  router.use(
    dashboardRouter({
      sessions,
      password: deps.dashboardPassword ?? ctx.apiToken,
      ...(deps.logins && { logins: deps.logins }),
      report: deps.report,
      overview: deps.overview,
      tickets: ctx.tickets,
      people: ctx.people,
      deskName: ctx.deskName,
      timeZone: ctx.timeZone,
      now: ctx.now,
    }),
  );

  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  // @bull-board/express 9.10.1 carries its own copy of @bull-board/api: same shape, distinct private types.
  const serverAdapter = board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues: deps.queues.map((q) => new BullMQAdapter(q)), serverAdapter });
  router.use(QUEUE_BOARD_PATH, sessions.require(`${DASHBOARD_PATH}/login`), board.getRouter() as Router);
  return router;
}
