import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeGateway } from '../../../core/ports/intake-gateway.port.js';
import { API_TOKEN, appDeps, auth, serve, type Served } from '../../integration/http/http-harness.js';
import { ActionHarness } from './action-harness.js';

/** These routes never submit reports; a call here would be a bug. */
const noIntake: IntakeGateway = {
  submit: () => Promise.reject(new Error('the actions API must not submit reports')),
};

describe('POST /api/v1/tickets/:number/actions', { timeout: 30_000 }, () => {
  let h: ActionHarness;
  let server: Served;
  beforeAll(async () => {
    h = await ActionHarness.open();
    server = await serve(
      appDeps(
        { intake: noIntake, tickets: h.tickets, people: h.people, desk: h.desk },
        { ticketActions: h.actions(), clock: h.clock },
      ),
    );
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });
  beforeEach(async () => h.reset());

  const post = (number: string, body: unknown, headers: Record<string, string> = auth) =>
    fetch(`${server.base}/api/v1/tickets/${number}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const errorOf = async (r: Response) =>
    ((await r.json()) as { error: { code: string; message: string } }).error;

  it('acts for a named engineer and answers with the ticket and the events written', async () => {
    const t = await h.ticket();
    const r = await post(t.number.toLowerCase(), { action: 'acknowledge', by: 'eng-print' });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { ticket: { status: string; assignee: unknown }; events: unknown[] };
    expect(body.ticket).toMatchObject({
      status: 'acknowledged',
      assignee: { id: 'eng-print', name: '赵打印' },
    });
    expect(body.events).toEqual([
      expect.objectContaining({
        type: 'acknowledged',
        actor: { kind: 'person', id: 'eng-print', name: '赵打印' },
      }),
    ]);
    const resolved = await post(t.number, {
      action: 'resolve',
      by: 'eng-print',
      process: '更换硒鼓',
      parts: ['硒鼓'],
      remote: false,
    });
    expect(resolved.status).toBe(200);
    expect(await h.reload(t.id)).toMatchObject({
      status: 'resolved',
      resolution: { parts: ['硒鼓'], consumables: [] },
    });
  });

  it('without `by` the API client acts as the system', async () => {
    const t = await h.ticket();
    expect((await post(t.number, { action: 'escalate', reason: '客户要求' })).status).toBe(200);
    expect((await h.tickets.events(t.id)).at(-2)).toMatchObject({
      type: 'escalated',
      actor: { kind: 'system', id: 'api' },
    });
  });

  it('answers every error with a clear 4xx and changes nothing', async () => {
    const t = await h.ticket();
    const cases: Array<[string, unknown, number, string, Record<string, string>?]> = [
      [t.number, { action: 'acknowledge' }, 401, 'UNAUTHORIZED', {}],
      [t.number, { action: 'acknowledge' }, 401, 'UNAUTHORIZED', { Authorization: 'Bearer wrong' }],
      ['not-a-number', { action: 'acknowledge' }, 400, 'VALIDATION_FAILED'],
      [t.number, '{"action":', 400, 'INVALID_JSON'],
      [t.number, { action: 'fly' }, 400, 'VALIDATION_FAILED'],
      [t.number, { action: 'pend' }, 400, 'VALIDATION_FAILED'],
      [t.number, { action: 'rate', rating: 7 }, 400, 'VALIDATION_FAILED'],
      [t.number, { action: 'acknowledge', extra: 1 }, 400, 'VALIDATION_FAILED'],
      [t.number, { action: 'acknowledge', by: 'nobody' }, 400, 'VALIDATION_FAILED'],
      ['INC-20991231-0001', { action: 'acknowledge' }, 404, 'TICKET_NOT_FOUND'],
      [t.number, { action: 'acknowledge', by: 'eng-card' }, 403, 'FORBIDDEN'],
      [t.number, { action: 'resume' }, 409, 'TICKET_INVALID_TRANSITION'],
      [t.number, { action: 'reassign', assigneeId: 'eng-print' }, 409, 'TICKET_SAME_ASSIGNEE'],
      [t.number, { action: 'reassign', assigneeId: 'mgr' }, 422, 'ACTION_NOT_AN_ENGINEER'],
      [t.number, { action: 'rate', rating: 5 }, 409, 'ACTION_TICKET_NOT_RESOLVED'],
    ];
    for (const [number, body, status, code, headers] of cases) {
      const r = await post(number, body, headers ?? auth);
      expect({ number, body, status: r.status }).toEqual({ number, body, status });
      const error = await errorOf(r);
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(5);
    }
    expect((await h.reload(t.id)).version).toBe(t.version);
    const wrongMethod = await fetch(`${server.base}/api/v1/tickets/${t.number}/actions`, {
      headers: { Authorization: `Bearer ${API_TOKEN}`, accept: 'application/json' },
    });
    expect(wrongMethod.status).toBe(405);
    const form = await fetch(`${server.base}/api/v1/tickets/${t.number}/actions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain', accept: 'application/json' },
      body: 'ack',
    });
    expect(form.status).toBe(415);
  });
});
