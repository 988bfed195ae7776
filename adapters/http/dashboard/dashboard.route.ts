import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { z } from 'zod';
import { MODULE_TYPES } from '../../../core/desk/index.js';
import type { GetKpiReportUseCase } from '../../../core/kpi/index.js';
import { localDate } from '../../../core/shared/index.js';
import type { DeskOverviewQueries, PersonRepository, TicketRepository } from '../../../core/ports/index.js';
import { TICKET_STATUSES } from '../../../core/tickets/index.js';
import { ticketNotFound, validationFailed } from '../http-errors.js';
import { STATUS_LABELS } from '../html/labels.js';
import { formatTime } from '../html/layout.js';
import { parseKpiQuery } from '../routes/kpis.route.js';
import { parseTicketNumber } from '../schemas/ticket-query.schema.js';
import { issueMessage, toErrorDetails } from '../schemas/issue-message.js';
import { DASHBOARD_ASSETS, DASHBOARD_PATH } from './dashboard-layout.js';
import { kpiPage, loginPage, ticketDetailPage, ticketListPage } from './dashboard-pages.js';
import { passwordMatches, type Sessions } from './session.js';
import { verifyPassword } from './password-hash.js';

export interface DashboardRouteDeps {
  sessions: Sessions;
  /** DASHBOARD_PASSWORD, else API_TOKEN; null: nobody can log in (the login form says so). */
  password: string | null;
  /** Staff with their own login (desk.yaml people `passwordHash`): person id → scrypt hash. */
  logins?: ReadonlyMap<string, string>;
  report: Pick<GetKpiReportUseCase, 'execute'>;
  overview: Pick<DeskOverviewQueries, 'searchTickets'>;
  tickets: Pick<TicketRepository, 'findByNumber' | 'events'>;
  people: Pick<PersonRepository, 'list'>;
  deskName: string;
  timeZone: string;
  now: () => Date;
}

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const ECHARTS_DIST = join(dirname(createRequire(import.meta.url).resolve('echarts')), '..', 'dist');

const csv = (allowed: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').filter((s) => s !== '') : undefined))
    .refine((vs) => !vs || vs.every((v) => allowed.includes(v)), `Must be among: ${allowed.join(', ')}.`);

const listQuery = z.object({
  q: z.string().max(200).optional(),
  status: csv(TICKET_STATUSES),
  category: z.enum(MODULE_TYPES).optional(),
  assignee: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Only same-site paths, so the login form cannot be used to bounce people elsewhere. */
const safeNext = (next: unknown): string =>
  typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : DASHBOARD_PATH;

/** The staff dashboard: login, live ticket list, ticket detail with its history, KPI charts. */
export function dashboardRouter(deps: DashboardRouteDeps): Router {
  const router = Router();
  const { sessions } = deps;
  const ctx = (user: string | null) => ({ deskName: deps.deskName, user, timeZone: deps.timeZone });
  const guard = sessions.require(`${DASHBOARD_PATH}/login`);

  router.use(DASHBOARD_ASSETS, express.static(PUBLIC_DIR, { index: false }));
  router.use(`${DASHBOARD_ASSETS}/vendor`, express.static(ECHARTS_DIST, { index: false, maxAge: '1d' }));

  router.get(`${DASHBOARD_PATH}/login`, (req, res) => {
    res.type('html').send(loginPage(ctx(null), safeNext(req.query.next), false));
  });
  router.post(
    `${DASHBOARD_PATH}/login`,
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const typed = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
      const user = typeof body.user === 'string' && body.user.trim() ? body.user.trim().slice(0, 64) : 'desk';
      const own = deps.logins?.get(user);
      const personal = own !== undefined && (await verifyPassword(typed, own));
      if (!personal && (deps.password === null || !passwordMatches(typed, deps.password)))
        return void res
          .status(401)
          .type('html')
          .send(loginPage(ctx(null), safeNext(body.next), true));
      sessions.start(res, user);
      res.redirect(303, safeNext(body.next));
    },
  );
  router.post(`${DASHBOARD_PATH}/logout`, (_req, res) => {
    sessions.end(res);
    res.redirect(303, `${DASHBOARD_PATH}/login`);
  });

  router.use(DASHBOARD_PATH, guard);

  router.get(DASHBOARD_PATH, async (req, res) => {
    const engineers = (await deps.people.list()).filter((p) => p.role === 'engineer' && p.active);
    res.type('html').send(ticketListPage(ctx(sessions.user(req)), engineers));
  });

  router.get(`${DASHBOARD_PATH}/api/tickets`, async (req, res) => {
    const parsed = listQuery.safeParse(req.query, { error: issueMessage('en') });
    if (!parsed.success) throw validationFailed(toErrorDetails(parsed.error.issues));
    const { q, status, category, assignee, limit, offset } = parsed.data;
    const [page, people] = await Promise.all([
      deps.overview.searchTickets({
        limit,
        offset,
        ...(q !== undefined && { text: q }),
        ...(status && { status }),
        ...(category && { category }),
        ...(assignee && { assigneeId: assignee }),
      }),
      deps.people.list(),
    ]);
    const names = new Map(people.map((p) => [p.id, p.name]));
    res.json({
      total: page.total,
      tickets: page.tickets.map((t) => ({
        number: t.number,
        status: t.status,
        statusLabel: STATUS_LABELS[t.status as keyof typeof STATUS_LABELS] ?? t.status,
        category: t.category,
        priority: t.priority,
        channel: t.channel,
        title: t.title,
        reporter: t.reporterDepartment ? `${t.reporterName} · ${t.reporterDepartment}` : t.reporterName,
        assignee: t.assigneeId ? (names.get(t.assigneeId) ?? t.assigneeId) : null,
        reportedAt: formatTime(t.reportedAt, deps.timeZone),
      })),
    });
  });

  router.get(`${DASHBOARD_PATH}/tickets/:number`, async (req, res) => {
    const number = parseTicketNumber(req.params.number);
    if (!number.ok) throw validationFailed(number.error);
    const ticket = await deps.tickets.findByNumber(number.value);
    if (!ticket) throw ticketNotFound(number.value);
    const [events, people] = await Promise.all([deps.tickets.events(ticket.id), deps.people.list()]);
    const names = new Map(people.map((p) => [p.id, p.name]));
    res.type('html').send(ticketDetailPage(ctx(sessions.user(req)), ticket, events, names));
  });

  router.get(`${DASHBOARD_PATH}/kpis`, (req, res) => {
    const today = localDate(deps.now(), deps.timeZone);
    const from = `${today.slice(0, 8)}01`;
    res.type('html').send(kpiPage(ctx(sessions.user(req)), { from, to: today }));
  });

  router.get(`${DASHBOARD_PATH}/api/kpis`, async (req, res) => {
    const q = parseKpiQuery(req.query, deps.timeZone);
    if (!q.ok) throw validationFailed(q.error);
    const result = await deps.report.execute(q.value);
    if (!result.ok) throw validationFailed([{ path: 'to', message: result.error.message }]);
    res.json({ kpis: result.value });
  });

  return router;
}
