import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint } from '../../../core/complaints/index.js';
import { auth } from '../http/http-harness.js';
import { person, testDesk } from '../../support/test-desk.js';
import { openFollowupRig, seconds, waitUntil, type FollowupRig } from '../satisfaction/followup-harness.js';

const base = testDesk();
/** An IT head on WeChat; the submitted step reminds after 2 s, the others much later. */
const desk = testDesk({
  // Both desk engineers on WeChat: whichever owns the ticket hears of the complaint.
  people: [
    ...base.people.map((x) => (x.id === 'desk-b' ? { ...x, wechatId: 'wx-desk-b' } : x)),
    person({ id: 'head', name: '何主任', role: 'it_head', wechatId: 'wx-head' }),
  ],
  complaints: {
    reminderHours: {
      submitted: seconds(2),
      verified: 1,
      reported: 1,
      decided: 1,
      fed_back: 1,
      rated: 1,
    },
  },
});

describe('complaints through the API on a real pipeline', () => {
  let rig: FollowupRig;
  beforeAll(async () => {
    rig = await openFollowupRig(desk, ['web', 'wechat']);
  });
  afterAll(async () => rig?.close());

  const api = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${rig.http.base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...auth, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const step = async (id: string, body: object) => api(`/api/v1/complaints/${id}/steps`, body);

  it('walks a complaint through every step by the entitled roles, recording each on the ticket', async () => {
    const t = await rig.report();
    const submitted = await api(
      '/api/v1/complaints',
      {
        ticketNumber: t.number.toLowerCase(),
        text: '工程师迟到一小时',
        complainant: { name: '张老师', personId: 'rep-zhang' },
      },
      { 'Idempotency-Key': `k-${t.id}` },
    );
    expect(submitted.status).toBe(201);
    const { complaint } = (await submitted.json()) as { complaint: Complaint };
    expect(complaint).toMatchObject({
      status: 'submitted',
      ticketNumber: t.number,
      engineerId: t.assigneeId,
    });
    // A retried submission is the same complaint.
    const again = await api(
      '/api/v1/complaints',
      { ticketNumber: t.number, text: 'x', complainant: { name: 'y' } },
      {
        'Idempotency-Key': `k-${t.id}`,
      },
    );
    expect(again.status).toBe(200);
    expect(((await again.json()) as { complaint: Complaint }).complaint.id).toBe(complaint.id);

    // The desk owner is told to verify; after 2 s unverified, reminded (real delayed job).
    await waitUntil(async () =>
      (await rig.queued('wechat', 'reminder')).some((n) =>
        n.id.startsWith(`complaint-reminder-${complaint.id}-submitted`),
      ),
    );

    const walk: Array<[object, Complaint['status']]> = [
      [{ step: 'verify', actorId: 'desk-a', note: '核实属实' }, 'verified'],
      [{ step: 'report', actorId: 'desk-a' }, 'reported'],
      [{ step: 'decide', actorId: 'head', upheld: true, note: '投诉成立' }, 'decided'],
      [{ step: 'feed_back', actorId: 'mgr', note: '已电话反馈' }, 'fed_back'],
      [{ step: 'rate', complainant: true, rating: 4 }, 'rated'],
      [{ step: 'close', actorId: 'desk-b' }, 'closed'],
    ];
    for (const [body, status] of walk) {
      const res = await step(complaint.id, body);
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(((await res.json()) as { complaint: Complaint }).complaint.status).toBe(status);
    }
    const events = (await rig.p.tickets.events(t.id)).filter((e) => e.type === 'complaint');
    expect(events.map((e) => e.data.step)).toEqual([
      'submit',
      'verify',
      'report',
      'decide',
      'feed_back',
      'rate',
      'close',
    ]);
    expect(events.find((e) => e.data.step === 'decide')?.data.upheld).toBe(true);
    // The IT head heard of the report on WeChat; the decision went back to the reporter's ticket page.
    expect((await rig.queued('wechat', 'complaint')).some((n) => n.to.personId === 'head')).toBe(true);
    await waitUntil(async () =>
      (await rig.p.tickets.messages(t.id)).some(
        (m) => m.externalId === `out:complaint-decision-${complaint.id}`,
      ),
    );
    const read = await api(`/api/v1/complaints/${complaint.id}`);
    expect(((await read.json()) as { complaint: Complaint }).complaint).toMatchObject({
      upheld: true,
      rating: 4,
    });
    const timers = await rig.p.timers.scheduler.list(complaint.id, 'complaint.');
    expect(timers.filter((x) => x.state === 'pending')).toEqual([]);
  });

  it('answers every refusal with its status', async () => {
    const t = await rig.report();
    const res = await api('/api/v1/complaints', {
      ticketNumber: t.number,
      text: '服务差',
      complainant: { name: '张老师' },
    });
    const { complaint } = (await res.json()) as { complaint: Complaint };
    const code = async (r: Response) => ((await r.json()) as { error: { code: string } }).error.code;

    const noToken = await fetch(`${rig.http.base}/api/v1/complaints`, { method: 'POST' });
    expect(noToken.status).toBe(401);
    const invalid = await api('/api/v1/complaints', { text: '', complainant: {} });
    expect([invalid.status, await code(invalid)]).toEqual([400, 'VALIDATION_FAILED']);
    const noTicket = await api('/api/v1/complaints', {
      ticketNumber: 'INC-20990101-0001',
      text: 'x',
      complainant: { name: 'a' },
    });
    expect([noTicket.status, await code(noTicket)]).toEqual([404, 'TICKET_NOT_FOUND']);
    const wrongType = await fetch(`${rig.http.base}/api/v1/complaints`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(wrongType.status).toBe(415);
    const badJson = await fetch(`${rig.http.base}/api/v1/complaints`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{',
    });
    expect(badJson.status).toBe(400);
    expect(
      (await fetch(`${rig.http.base}/api/v1/complaints/${complaint.id}`, { method: 'DELETE', headers: auth }))
        .status,
    ).toBe(405);

    const missing = await step('CMP-NOPE', { step: 'verify', actorId: 'desk-a', note: 'x' });
    expect(missing.status).toBe(404);
    const engineer = await step(complaint.id, { step: 'verify', actorId: 'eng-print', note: 'x' });
    expect([engineer.status, await code(engineer)]).toEqual([403, 'FORBIDDEN']);
    const outOfOrder = await step(complaint.id, {
      step: 'decide',
      actorId: 'head',
      upheld: false,
      note: 'x',
    });
    expect([outOfOrder.status, await code(outOfOrder)]).toEqual([409, 'CONFLICT']);
    const noNote = await step(complaint.id, { step: 'verify', actorId: 'desk-a' });
    expect(noNote.status).toBe(400);
    const nobody = await step(complaint.id, { step: 'verify', actorId: 'ghost', note: 'x' });
    expect(nobody.status).toBe(400);
    const both = await step(complaint.id, {
      step: 'verify',
      actorId: 'desk-a',
      complainant: true,
      note: 'x',
    });
    expect(both.status).toBe(400);
    const unknownStep = await step(complaint.id, { step: 'approve', actorId: 'desk-a' });
    expect(unknownStep.status).toBe(400);
    const list = await api('/api/v1/complaints?status=submitted');
    expect(((await list.json()) as { complaints: Complaint[] }).complaints.map((c) => c.id)).toContain(
      complaint.id,
    );
    expect((await api('/api/v1/complaints?status=lost')).status).toBe(400);
  });
});
