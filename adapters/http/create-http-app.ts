import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Clock, IntakeGateway, PersonRepository, TicketRepository } from '../../core/ports/index.js';
import type { HealthReport } from './health.js';
import { insightsRouter, type InsightsDeps } from './dashboard/insights.js';
import { notFound } from './http-errors.js';
import { alertsRouter, type AlertsRouteDeps } from './routes/alerts.route.js';
import { callsRouter, type CallsRouteDeps } from './routes/calls.route.js';
import { telegramWebhookRouter, type TelegramWebhookDeps } from './routes/telegram-webhook.route.js';
import {
  DEFAULT_PUBLIC_RATE_LIMIT,
  errorHandler,
  requestLogger,
  type RateLimitOptions,
} from './middleware/index.js';
import {
  healthRouter,
  lookupRouter,
  reportFormRouter,
  reportsRouter,
  ticketActionsRouter,
  ticketsRouter,
} from './routes/index.js';
import type { TicketActionsUseCase } from '../../core/use-cases/ticket-actions/index.js';
import type { ReclassifyTicketUseCase } from '../../core/use-cases/reclassify-ticket/index.js';
import { triageRouter } from './routes/triage.route.js';
import { followupRouters, type FollowupUseCases } from './followups/index.js';

export interface HttpDeps {
  /** express `trust proxy` (TRUST_PROXY); absent or null = the socket's address is the client. */
  trustProxy?: number | string | null;
  /** null → the token API answers 503 API_DISABLED; the public form and lookup still work. */
  apiToken: string | null;
  tickets: TicketRepository;
  people: PersonRepository;
  intake: IntakeGateway;
  /** How long `POST /api/v1/reports` waits for the intake job before answering 202. */
  intakeWaitMs: number;
  health: () => Promise<HealthReport>;
  logger: Logger;
  clock: Clock;
  /** `timeZone` (IANA) formats times on the pages; the server's zone when absent. */
  desk: { name: string; ticketPrefix: string; timeZone?: string };
  newId?: () => string;
  /** Per IP, for each public route (report post, lookup). Default 60 per minute. */
  rateLimit?: RateLimitOptions;
  /** KPIs API, staff dashboard, queue board and /metrics; absent → those routes are not mounted. */
  insights?: InsightsDeps;
  /** Telegram webhook (TELEGRAM_WEBHOOK_URL set); absent → not mounted. */
  telegramWebhook?: TelegramWebhookDeps;
  /** Rating page, callbacks, complaints, handovers (issue 6); absent → not mounted. */
  followups?: FollowupUseCases;
  /** `POST /api/v1/tickets/:number/category` (desk correction, issue 5); absent = not mounted. */
  reclassify?: ReclassifyTicketUseCase;
  /** `POST /api/v1/tickets/:number/actions`; absent = the route is not mounted. */
  ticketActions?: TicketActionsUseCase;
  /** Call records API (POST /api/v1/calls); absent → not mounted. */
  phone?: Omit<CallsRouteDeps, 'apiToken'>;
  /** Monitoring alert webhooks (POST /api/v1/alerts/*); absent → not mounted. */
  alerts?: AlertsRouteDeps;
}

export const BODY_LIMIT = '64kb';
export const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** The whole HTTP surface as an express app; the caller decides where and when it listens. */
export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  const newId = deps.newId ?? randomUUID;
  const rateLimit = deps.rateLimit ?? DEFAULT_PUBLIC_RATE_LIMIT;
  const deskName = deps.desk.name;

  app.disable('x-powered-by');
  // Behind a reverse proxy the client's address (which rate limits key on) comes from X-Forwarded-For.
  if (deps.trustProxy !== undefined && deps.trustProxy !== null) app.set('trust proxy', deps.trustProxy);
  app.use(requestLogger(deps.logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        // The desk is often served over plain http on an intranet address; upgrading would break it.
        directives: { upgradeInsecureRequests: null },
      },
    }),
  );
  app.use('/assets', express.static(PUBLIC_DIR, { index: false, fallthrough: true }));

  app.use(healthRouter(deps.health, deps.logger));
  app.use(reportFormRouter({ deskName, newId }));
  app.use(
    reportsRouter({
      intake: deps.intake,
      tickets: deps.tickets,
      people: deps.people,
      intakeWaitMs: deps.intakeWaitMs,
      clock: deps.clock,
      newId,
      deskName,
      rateLimit,
      bodyLimit: BODY_LIMIT,
    }),
  );
  app.use(
    lookupRouter({
      tickets: deps.tickets,
      people: deps.people,
      deskName,
      timeZone: deps.desk.timeZone,
      rateLimit,
    }),
  );
  app.use(ticketsRouter({ apiToken: deps.apiToken, tickets: deps.tickets, people: deps.people }));
  if (deps.followups)
    app.use(
      followupRouters({
        ...{ apiToken: deps.apiToken, tickets: deps.tickets, followups: deps.followups, clock: deps.clock },
        ...{ deskName, timeZone: deps.desk.timeZone ?? 'Asia/Shanghai', rateLimit, newId },
      }),
    );
  if (deps.phone) app.use(callsRouter({ ...deps.phone, apiToken: deps.apiToken }));
  if (deps.alerts) app.use(alertsRouter(deps.alerts));
  if (deps.telegramWebhook) app.use(telegramWebhookRouter(deps.telegramWebhook));
  if (deps.reclassify) app.use(triageRouter({ ...deps, reclassify: deps.reclassify, bodyLimit: BODY_LIMIT }));
  if (deps.ticketActions)
    app.use(
      ticketActionsRouter({
        apiToken: deps.apiToken,
        tickets: deps.tickets,
        people: deps.people,
        actions: deps.ticketActions,
        bodyLimit: BODY_LIMIT,
      }),
    );
  if (deps.insights)
    app.use(
      insightsRouter(deps.insights, {
        ...deps,
        deskName,
        timeZone: deps.desk.timeZone ?? 'UTC',
        now: () => deps.clock.now(),
      }),
    );

  app.use((req, _res, next) => next(notFound(`No route for ${req.method} ${req.path}.`)));
  app.use(errorHandler(deps.logger, deskName));
  return app;
}
