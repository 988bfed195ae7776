import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleCallRepository } from '../../../adapters/db/call.repository.js';
import { phoneAndAlertRoutes } from '../../../cli/runtime/phone-alerts-role.js';
import { startPipeline, type Pipeline } from '../../support/pipeline-harness.js';
import { appDeps, auth, postReport, serve, type Served } from '../http/http-harness.js';

type CallsBody = {
  calls: {
    inserted: number;
    merged: number;
    unchanged: number;
    callbacks: Array<{ callId: string; personId: string; notified: boolean }>;
  };
};
type ErrorBody = { error: { code: string; details?: Array<{ path: string; message: string }> } };

describe('the call-record API', () => {
  let p: Pipeline;
  let http: Served;
  let calls: DrizzleCallRepository;
  const run = randomUUID().slice(0, 8);

  const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
    fetch(`${http.base}/api/v1/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

  beforeAll(async () => {
    p = await startPipeline();
    calls = new DrizzleCallRepository(p.database.db);
    const routes = phoneAndAlertRoutes({
      ...p,
      jobs: p.scheduler,
      enabledChannels: new Set(['web', 'wechat']),
      alertToken: null,
      intakeWaitMs: 10_000,
    });
    http = await serve(appDeps(p, routes));
  });
  afterAll(async () => {
    await http?.close();
    await p?.close();
  });

  it('turns a missed hotline call into one call-back for a desk engineer on duty, however often it is sent', async () => {
    const call = {
      id: `miss-${run}`,
      startedAt: minutesAgo(3),
      endedAt: minutesAgo(2),
      caller: '13800138000',
      callee: '8000',
      disposition: 'NO ANSWER',
    };
    const first = await post('calls', call);
    expect(first.status).toBe(201);
    const body = (await first.json()) as CallsBody;
    expect(body.calls.inserted).toBe(1);
    expect(body.calls.callbacks).toHaveLength(1);
    const [callback] = body.calls.callbacks;
    expect(['desk-a', 'desk-b']).toContain(callback?.personId);
    // desk-a is on WeChat (enabled here); desk-b has no chat address, so only the task is recorded.
    expect(callback?.notified).toBe(callback?.personId === 'desk-a');
    expect(await calls.findBySourceId(call.id)).toMatchObject({
      isDeskCall: true,
      disposition: 'NO ANSWER',
      callbackPersonId: callback?.personId,
    });

    const again = await post('calls', { calls: [call] });
    expect(again.status).toBe(200);
    expect(((await again.json()) as CallsBody).calls).toMatchObject({
      inserted: 0,
      unchanged: 1,
      callbacks: [],
    });
  });

  it('does not ring back an answered call, a call to another number, or a missed call from long ago', async () => {
    const res = await post('calls', {
      calls: [
        {
          id: `ans-${run}`,
          startedAt: minutesAgo(5),
          answeredAt: minutesAgo(5),
          endedAt: minutesAgo(1),
          caller: '13900000001',
          callee: '8000',
          disposition: 'ANSWERED',
        },
        {
          id: `ext-${run}`,
          startedAt: minutesAgo(5),
          durationS: 20,
          caller: '13900000002',
          callee: '8123',
          disposition: 'BUSY',
        },
        {
          id: `old-${run}`,
          startedAt: minutesAgo(3 * 24 * 60),
          durationS: 20,
          caller: '13900000003',
          callee: '8000',
          disposition: 'FAILED',
        },
      ],
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as CallsBody).calls).toMatchObject({ inserted: 3, callbacks: [] });
    expect(await calls.findBySourceId(`ext-${run}`)).toMatchObject({ isDeskCall: false, durationS: 20 });
  });

  it('links an answered call to the ticket it produced, recorded as call_linked', async () => {
    const report = await postReport(http.base, {
      contact: { name: `Caller-${run}`, phone: '13900000001' },
      description: '电话报修：打印机卡纸',
    });
    const number = ((await report.json()) as { ticket: { number: string } }).ticket.number;
    const stored = await calls.findBySourceId(`ans-${run}`);
    const res = await post(`calls/${stored?.id}/link`, { ticketNumber: number });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ link: { callId: stored?.id, ticketNumber: number, already: false } });
    const ticket = await p.tickets.findByNumber(number);
    const events = await p.tickets.events(ticket?.id ?? '');
    expect(events.find((e) => e.type === 'call_linked')?.data).toMatchObject({
      callId: stored?.id,
      caller: '13900000001',
      disposition: 'ANSWERED',
    });
    expect((await calls.findById(stored?.id ?? ''))?.ticketId).toBe(ticket?.id);
  });

  it.each([
    ['no token', 'calls', { id: 'x' }, {}, 401, 'UNAUTHORIZED'],
    [
      'an unknown disposition',
      'calls',
      {
        id: 'x',
        startedAt: minutesAgo(1),
        durationS: 1,
        caller: '1',
        callee: '8000',
        disposition: 'RINGING',
      },
      auth,
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a missing start time',
      'calls',
      { id: 'x', caller: '1', callee: '8000', disposition: 'BUSY' },
      auth,
      400,
      'VALIDATION_FAILED',
    ],
    [
      'neither end nor duration',
      'calls',
      { id: 'x', startedAt: minutesAgo(1), caller: '1', callee: '8000', disposition: 'BUSY' },
      auth,
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a link to an unknown ticket',
      'calls/nope/link',
      { ticketNumber: 'INC-20990101-0001' },
      auth,
      404,
      'NOT_FOUND',
    ],
    ['a link without a ticket number', 'calls/nope/link', {}, auth, 400, 'VALIDATION_FAILED'],
  ])('answers %s with a clear 4xx', async (_what, path, body, headers, status, code) => {
    const res = await post(path, body, headers);
    expect(res.status).toBe(status);
    expect(((await res.json()) as ErrorBody).error.code).toBe(code);
  });

  it('names the record and the problem, and stores nothing of a batch with one bad record', async () => {
    const res = await post('calls', {
      calls: [
        {
          id: `batch-ok-${run}`,
          startedAt: minutesAgo(1),
          durationS: 5,
          caller: '1',
          callee: '8000',
          disposition: 'ANSWERED',
        },
        {
          id: `batch-bad-${run}`,
          startedAt: minutesAgo(1),
          endedAt: minutesAgo(2),
          caller: '1',
          callee: '8000',
          disposition: 'BUSY',
        },
      ],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.details).toEqual([{ path: 'calls.1', message: 'ends before it starts' }]);
    expect(await calls.findBySourceId(`batch-ok-${run}`)).toBeNull();
  });

  it('refuses a form post and a GET', async () => {
    const form = await fetch(`${http.base}/api/v1/calls`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'id=1',
    });
    expect(form.status).toBe(415);
    expect((await fetch(`${http.base}/api/v1/calls`, { headers: auth })).status).toBe(405);
  });
});
