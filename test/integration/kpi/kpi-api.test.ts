import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countTickets, inPeriod, type KpiReport } from '../../../core/kpi/index.js';
import { auth } from '../http/http-harness.js';
import {
  DASHBOARD_PASSWORD,
  MANAGER_PASSWORD,
  METRICS_TOKEN,
  NOW,
  startInsightsApp,
  type InsightsHarness,
} from './insights-harness.js';

let h: InsightsHarness;
let base: string;
beforeAll(async () => {
  h = await startInsightsApp(inject('postgresUrl'), inject('redisUrl'));
  base = h.served.base;
});
afterAll(() => h?.close());

const getKpis = (query: string, headers: Record<string, string> = auth) =>
  fetch(`${base}/api/v1/kpis?${query}`, { headers });

describe('GET /api/v1/kpis', () => {
  it('answers the report for local days in the desk zone, grouped as asked', async () => {
    const res = await getKpis('from=2026-03-01&to=2026-03-10&by=department');
    expect(res.status).toBe(200);
    const { kpis } = (await res.json()) as { kpis: KpiReport };
    // 2026-03-01 00:00 to 2026-03-11 00:00 in Asia/Shanghai.
    const period = { from: new Date('2026-02-28T16:00:00Z'), to: new Date('2026-03-10T16:00:00Z') };
    expect(kpis.period).toEqual({ from: period.from.toISOString(), to: period.to.toISOString() });
    const inside = h.seeded.map((s) => s.fact).filter((f) => inPeriod(f.reportedAt, period));
    const expected = countTickets(inside, 10, NOW);
    expect(kpis.total.tickets).toBe(expected.tickets);
    expect(kpis.total.remoteResolutionRate).toMatchObject({
      numerator: expected.faultsResolvedRemotely,
      denominator: expected.faultsResolved,
      target: 0.7,
    });
    expect(kpis.total.responseCompliance).toMatchObject({
      numerator: expected.respondedInTime,
      denominator: expected.responseDue,
    });
    expect(kpis.groups.reduce((n, g) => n + g.tickets, 0)).toBe(expected.tickets);
    expect(kpis.engineers.map((e) => e.name).sort()).toEqual(['周网络', '孙二线', '赵打印']);
  });

  it('refuses bad input with a clear 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['to=2026-03-10', 'from'],
      ['from=last-week&to=2026-03-10', 'from'],
      ['from=2026-03-10&to=2026-03-01', 'to'],
      ['from=2026-03-01&to=2026-03-10&by=colour', 'by'],
      ['from=2000-01-01&to=2026-03-10', 'to'],
    ];
    for (const [query, field] of cases) {
      const res = await getKpis(query);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; details: Array<{ path: string }> } };
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(
        body.error.details.map((d) => d.path),
        query,
      ).toContain(field);
    }
  });

  it('needs the API token', async () => {
    expect((await getKpis('from=2026-03-01&to=2026-03-10', {})).status).toBe(401);
    expect((await getKpis('from=2026-03-01&to=2026-03-10', { Authorization: 'Bearer nope' })).status).toBe(
      401,
    );
  });
});

describe('/metrics', () => {
  it('serves queue depths, tickets by status, SLA breaches and channel health to the metrics token', async () => {
    await h.queue.add('x', { n: 1 });
    await h.queue.add('y', { n: 2 }, { delay: 60_000 });
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const res = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toContain('deskbot_queue_jobs{queue="dispatch",state="waiting"} 1');
    expect(text).toContain('deskbot_queue_jobs{queue="dispatch",state="delayed"} 1');
    const resolved = h.seeded.filter((s) => s.fact.resolvedAt).length;
    expect(text).toContain(`deskbot_tickets{status="resolved"} ${resolved}`);
    expect(text).toContain('deskbot_sla_breaches_total 1');
    expect(text).toContain('deskbot_channel_enabled{channel="email"} 0');
    expect(text).toContain('deskbot_health_check_up{check="database"} 1');
  });
});

describe('dashboard login', () => {
  it('lets staff with a password of their own in under their id; a wrong one or an unknown id is refused', async () => {
    const login = (user: string, password: string) =>
      fetch(`${base}/dashboard/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user, password }),
      });
    expect((await login('mgr', 'not-the-password')).status).toBe(401);
    expect((await login('eng-net', MANAGER_PASSWORD)).status).toBe(401);
    const ok = await login('mgr', MANAGER_PASSWORD);
    expect(ok.status).toBe(303);
    const session = (ok.headers.get('set-cookie') ?? '').split(';')[0]!;
    const page = await fetch(`${base}/dashboard`, { headers: { cookie: session } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('mgr');
  });

  it('sends strangers to the login form, refuses a wrong password and lets the right one in', async () => {
    const page = await fetch(`${base}/dashboard`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/dashboard/login?next=%2Fdashboard');
    expect((await fetch(`${base}/dashboard/api/tickets`)).status).toBe(401);
    expect((await fetch(`${base}/admin/queues`, { redirect: 'manual' })).status).toBe(303);

    const login = (password: string) =>
      fetch(`${base}/dashboard/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user: 'desk-a', password, next: '//evil.example/' }),
      });
    expect((await login('wrong-password')).status).toBe(401);
    const ok = await login(DASHBOARD_PASSWORD);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/dashboard');
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = cookie.split(';')[0]!;
    const list = await fetch(`${base}/dashboard/api/tickets?q=INC-20260301-000001`, {
      headers: { cookie: session },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { total: number }).total).toBe(1);
    const board = await fetch(`${base}/admin/queues`, { headers: { cookie: session } });
    expect(board.status).toBe(200);
    // A forged signature is no session.
    const forged = `${session.slice(0, -3)}abc`;
    expect((await fetch(`${base}/dashboard/api/tickets`, { headers: { cookie: forged } })).status).toBe(401);
  });
});
