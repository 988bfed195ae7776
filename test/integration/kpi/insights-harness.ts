import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import {
  openDatabase,
  DrizzlePersonRepository,
  DrizzleTicketRepository,
  type Database,
} from '../../../adapters/db/index.js';
import { DrizzleDeskOverviewQueries } from '../../../adapters/db/desk-overview.queries.js';
import { DrizzleKpiRepository } from '../../../adapters/db/kpi.repository.js';
import { ticketEvents } from '../../../adapters/db/schema/index.js';
import type { HttpDeps } from '../../../adapters/http/index.js';
import { dashboardLogins } from '../../../adapters/http/dashboard/dashboard-logins.js';
import { hashPassword } from '../../../adapters/http/dashboard/password-hash.js';
import { createDeskMetrics } from '../../../adapters/metrics/index.js';
import { createRedisConnection } from '../../../adapters/queue/redis-connection.js';
import { GetKpiReportUseCase } from '../../../core/kpi/index.js';
import type { IntakeGateway } from '../../../core/ports/index.js';
import { createTestDatabase } from '../../support/postgres-server.js';
import { testDesk } from '../../support/test-desk.js';
import { generateTickets, insertTickets, type SeededTicket } from '../../unit/kpi/kpi-seed.js';
import { API_TOKEN, serve, type Served } from '../http/http-harness.js';

export const DASHBOARD_PASSWORD = 'dashboard-pass-1';
export const METRICS_TOKEN = 'metrics-token-0123456789';
/** The manager's own dashboard password (desk.yaml passwordHash), besides the shared one. */
export const MANAGER_PASSWORD = 'manager-own-pass-7';
/** A fixed "now" in the seeded month, so the pages' default period holds the seeded tickets. */
export const NOW = new Date('2026-03-20T04:00:00Z');
export const SEED_FROM = new Date('2026-03-01T00:00:00Z');

/** Intake is not part of these pages; the app factory requires one, and nothing here submits. */
const noIntake: IntakeGateway = {
  submit: () => Promise.reject(new Error('the insights tests submit no reports')),
};

export interface InsightsHarness {
  served: Served;
  database: Database;
  seeded: SeededTicket[];
  /** The number of the ticket given a full event history. */
  detailNumber: string;
  queue: Queue;
  close(): Promise<void>;
}

/** A desk on a real PostgreSQL server with seeded tickets, served with KPIs, dashboard and /metrics. */
export async function startInsightsApp(
  postgresUrl: string,
  redisUrl: string,
  count = 300,
): Promise<InsightsHarness> {
  const database = await openDatabase({
    databaseUrl: await createTestDatabase(postgresUrl),
    dataDir: tmpdir(),
  });
  await database.migrate();
  const desk = testDesk();
  const people = new DrizzlePersonRepository(database.db);
  await people.syncRoster(desk.people);
  const seeded = generateTickets(count, SEED_FROM, 18, 11).map((s, i) => ({
    ...s,
    fact: { ...s.fact, assigneeId: s.fact.assigneeId ? ['eng-print', 'eng-net', 'eng-pc-l2'][i % 3]! : null },
  }));
  await insertTickets(database.db, seeded);
  const first = seeded[0]!;
  const detailNumber = 'INC-20260301-000001';
  await database.db.insert(ticketEvents).values(
    (['created', 'dispatched', 'acknowledged', 'sla_breached'] as const).map((type, i) => ({
      ticketId: first.id,
      type,
      at: new Date(first.fact.reportedAt.getTime() + i * 60_000),
      actorKind: 'system' as const,
      actorName: type === 'created' ? 'intake' : '周网络',
      channel: 'system' as const,
      data: {},
    })),
  );

  const connection = createRedisConnection(redisUrl, 'producer');
  const prefix = `kpi-${randomBytes(4).toString('hex')}`;
  const queue = new Queue('dispatch', { connection, prefix });
  const tickets = new DrizzleTicketRepository(database.db);
  const clock = { now: () => NOW };
  const report = new GetKpiReportUseCase({
    kpis: new DrizzleKpiRepository(database.db),
    people,
    clock,
    desk,
  });
  const overview = new DrizzleDeskOverviewQueries(database.db);
  const health = async () => ({
    status: 'ok' as const,
    checks: { database: { ok: true }, redis: { ok: true } },
    channels: [
      { channel: 'web', enabled: true, reason: 'always' },
      { channel: 'email', enabled: false, reason: 'IMAP_URL not set' },
    ],
  });
  const deps: HttpDeps = {
    apiToken: API_TOKEN,
    tickets,
    people,
    intake: noIntake,
    intakeWaitMs: 1000,
    health,
    logger: pino({ level: 'silent' }),
    clock,
    desk: { name: desk.name, ticketPrefix: desk.ticketPrefix, timeZone: desk.timezone },
    insights: {
      report,
      overview,
      metrics: createDeskMetrics({ queues: [queue], overview, health, processMetrics: false }),
      metricsToken: METRICS_TOKEN,
      dashboardPassword: DASHBOARD_PASSWORD,
      logins: dashboardLogins([
        ...desk.people,
        { ...desk.people.find((p) => p.id === 'mgr')!, passwordHash: await hashPassword(MANAGER_PASSWORD) },
      ]),
      sessionSecret: 'test-session-secret',
      queues: [queue],
    },
  };
  const served = await serve(deps);
  return {
    served,
    database,
    seeded,
    detailNumber,
    queue,
    async close() {
      await served.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await connection.quit();
      await database.close();
    },
  };
}
