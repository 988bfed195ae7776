import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../core/tickets/ticket-event.js';
import { transition } from '../../../core/tickets/ticket-lifecycle.js';
import { phoneAndAlertRoutes } from '../../../cli/runtime/phone-alerts-role.js';
import { startPipeline, type Pipeline } from '../../support/pipeline-harness.js';
import { appDeps, serve, type Served } from '../http/http-harness.js';

const ALERT_TOKEN = 'alert-token-0123456789';
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(`/work/shared/fixtures/alerts/${name}.json`, 'utf8'));

type Outcome = { fingerprint: string; result: string; ticketNumber?: string | null; fireCount?: number };
type ErrorBody = { error: { code: string; details?: Array<{ path: string; message: string }> } };

describe('monitoring alert webhooks', () => {
  let p: Pipeline;
  let http: Served;

  const post = async (path: string, body: unknown, token: string | null = ALERT_TOKEN) =>
    fetch(`${http.base}/api/v1/alerts/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const outcomes = async (res: Response) => {
    expect(res.status).toBe(200);
    return ((await res.json()) as { alerts: Outcome[] }).alerts;
  };
  const ticket = async (number: string | null | undefined) => {
    const t = number ? await p.tickets.findByNumber(number) : null;
    if (!t) throw new Error(`no ticket ${number}`);
    return t;
  };

  beforeAll(async () => {
    p = await startPipeline();
    const routes = phoneAndAlertRoutes({
      ...p,
      jobs: p.scheduler,
      enabledChannels: new Set(['web']),
      alertToken: ALERT_TOKEN,
      intakeWaitMs: 10_000,
    });
    http = await serve(appDeps(p, routes));
  });
  afterAll(async () => {
    await http?.close();
    await p?.close();
  });

  it('opens one ticket per alert of a firing Alertmanager group, channel alert, severity critical → P1', async () => {
    const [a, b] = await outcomes(await post('alertmanager', fixture('alertmanager-alert')));
    expect(a).toMatchObject({ fingerprint: 'a1bc48475b20e73d', result: 'opened' });
    expect(b).toMatchObject({ fingerprint: 'c2ea85182f28cbd9', result: 'opened' });
    expect(a?.ticketNumber).not.toBe(b?.ticketNumber);
    const t = await ticket(a?.ticketNumber);
    expect(t).toMatchObject({ channel: 'alert', priority: 'P1' });
    expect(t.description).toContain('CPU core temperature is 34.75C');
  });

  it('adds an alert event to the open ticket when the same alert fires again', async () => {
    const [again] = await outcomes(await post('alertmanager', fixture('alertmanager-alert')));
    expect(again).toMatchObject({ fingerprint: 'a1bc48475b20e73d', result: 'repeated', fireCount: 2 });
    const t = await ticket(again?.ticketNumber);
    const events = await p.tickets.events(t.id);
    expect(events.filter((e) => e.type === 'alert')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'created')).toHaveLength(1);
  });

  it('resolves the ticket as the system when the alert resolves (after the engineer acknowledged)', async () => {
    const [firing] = await outcomes(await post('alertmanager', fixture('alertmanager-alert')));
    const number = firing?.ticketNumber ?? '';
    // Dispatched to an engineer (acknowledge it, so resolving is allowed) or kept by the desk (accepted).
    const t = await p.waitForTicket(number, (x) => x.status === 'dispatched' || x.status === 'accepted');
    if (t.status === 'dispatched') {
      const acked = transition(t, 'acknowledge', {
        at: new Date(),
        actor: SYSTEM('test'),
        channel: 'system',
      });
      if (!acked.ok) throw new Error(acked.error.message);
      expect((await p.tickets.save(acked.value.ticket, [acked.value.event])).ok).toBe(true);
    }

    const [resolved] = await outcomes(await post('alertmanager', fixture('alertmanager-single_alert')));
    expect(resolved).toMatchObject({
      fingerprint: 'a1bc48475b20e73d',
      result: 'resolved',
      ticketNumber: number,
    });
    const after = await ticket(number);
    expect(after.status).toBe('resolved');
    const last = (await p.tickets.events(after.id)).filter((e) => e.type === 'resolved');
    expect(last[0]?.actor).toMatchObject({ kind: 'system', id: 'alerts' });
  });

  it('opens a ticket for a firing alert without generatorURL', async () => {
    const [one] = await outcomes(await post('alertmanager', fixture('alertmanager-single_alert_no_url')));
    expect(one?.result).toMatch(/opened|repeated/);
    expect(one?.ticketNumber).toMatch(/^INC-/);
  });

  it.each([
    ['zabbix-zabbix_alert_disaster', 'P1'],
    ['zabbix-zabbix_alert_high', 'P2'],
    ['zabbix-zabbix_alert', 'P3'],
  ])('maps Zabbix severity (%s → %s) on the problem that opens the ticket', async (name, priority) => {
    // One trigger (14032) on one host: only the first PROBLEM opens; close it so each case opens anew.
    const [o] = await outcomes(await post('zabbix', fixture(name)));
    expect(o?.result).toBe('opened');
    expect((await ticket(o?.ticketNumber)).priority).toBe(priority);
    const [ok] = await outcomes(await post('zabbix', fixture('zabbix-zabbix_ok')));
    expect(ok?.result).toMatch(/resolved|resolve_recorded/);
    const t = await ticket(o?.ticketNumber);
    if (t.status !== 'resolved') {
      const cancelled = transition(t, 'cancel', { at: new Date(), actor: SYSTEM('test'), channel: 'system' });
      if (cancelled.ok) await p.tickets.save(cancelled.value.ticket, [cancelled.value.event]);
    }
  });

  it.each([
    ['zabbix-zabbix_alert_information', 'P4'],
    ['zabbix-zabbix_alert_not_classified', 'P4'],
    ['zabbix-zabbix_alert_warning', 'P3'],
  ])('maps the lower Zabbix severities (%s → %s) when they open a ticket', async (name, priority) => {
    const before = await p.tickets.list({ channel: ['alert'], limit: 500, offset: 0 });
    const [o] = await outcomes(await post('zabbix', fixture(name)));
    if (o?.result === 'opened') expect((await ticket(o.ticketNumber)).priority).toBe(priority);
    else expect(o?.result).toBe('repeated');
    const after = await p.tickets.list({ channel: ['alert'], limit: 500, offset: 0 });
    expect(after.total - before.total).toBe(o?.result === 'opened' ? 1 : 0);
  });

  it('records a Zabbix recovery it cannot resolve from the ticket state, leaving the ticket', async () => {
    const [w] = await outcomes(await post('zabbix', fixture('zabbix-zabbix_warning')));
    expect(w?.result).toBe('opened');
    let t = await p.waitForTicket(
      w?.ticketNumber ?? '',
      (x) => x.status === 'dispatched' || x.status === 'accepted',
    );
    if (t.status === 'accepted') {
      // Kept by the desk for triage: send it to an engineer, a state resolve is not allowed from.
      const sent = transition(t, 'dispatch', {
        at: new Date(),
        actor: SYSTEM('test'),
        channel: 'system',
        assigneeId: 'eng-av',
      });
      if (!sent.ok) throw new Error(sent.error.message);
      const saved = await p.tickets.save(sent.value.ticket, [sent.value.event]);
      if (!saved.ok) throw new Error(saved.error.message);
      t = saved.value;
    }
    const recovery = { ...(fixture('zabbix-zabbix_warning') as object), status: 'OK' };
    const [r] = await outcomes(await post('zabbix', recovery));
    expect(r).toMatchObject({ result: 'resolve_recorded', status: 'dispatched' });
    expect((await ticket(w?.ticketNumber)).status).toBe('dispatched');
    const alertEvents = (await p.tickets.events(t.id)).filter((e) => e.type === 'alert');
    expect(alertEvents.at(-1)?.data).toMatchObject({
      state: 'resolved',
      left: 'not resolvable from dispatched',
    });
  });

  it('rejects the Zabbix payload without a hostname, naming the field', async () => {
    const res = await post('zabbix', fixture('zabbix-zabbix_invalid_payload_with_missing_data'));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details?.map((d) => d.path)).toContain('hostname');
  });

  it.each([
    ['no token', null, 401],
    ['a wrong token', 'wrong-token-0123456789', 401],
  ])('refuses a call with %s', async (_what, token, status) => {
    const res = await post('alertmanager', fixture('alertmanager-alert'), token);
    expect(res.status).toBe(status);
  });

  it('refuses a payload of another Alertmanager version, bad JSON and a GET', async () => {
    const v3 = { ...(fixture('alertmanager-alert') as object), version: '3' };
    expect((await post('alertmanager', v3)).status).toBe(400);
    expect((await post('alertmanager', '{"version":')).status).toBe(400);
    const get = await fetch(`${http.base}/api/v1/alerts/zabbix`, {
      headers: { Authorization: `Bearer ${ALERT_TOKEN}` },
    });
    expect(get.status).toBe(405);
  });
});
