import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handover } from '../../../core/handover/index.js';
import type { StoredTimer } from '../../../core/ports/timer-scheduler.port.js';
import type { Ticket } from '../../../core/tickets/ticket.entity.js';
import { SHIFT_END_KIND } from '../../../core/use-cases/handover/index.js';
import { auth } from '../http/http-harness.js';
import { testDesk } from '../../support/test-desk.js';
import { openFollowupRig, type FollowupRig } from '../satisfaction/followup-harness.js';

const base = testDesk();
/** Named shifts for the 交接班次 (dispatch keeps the all-day rota); the successor reads mail. */
const desk = testDesk({
  shifts: [
    ...base.shifts,
    { name: '早', start: '08:00', end: '16:00' },
    { name: '中', start: '16:00', end: '24:00' },
  ],
  people: base.people.map((x) => (x.id === 'desk-b' ? { ...x, email: 'desk-b@example.edu.cn' } : x)),
});

describe('shift handover on a real pipeline', () => {
  let rig: FollowupRig;
  beforeAll(async () => {
    rig = await openFollowupRig(desk, ['web', 'email', 'wechat']);
  });
  afterAll(async () => rig?.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${rig.http.base}/api/v1/handovers`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  /** An open ticket owned by `ownerId`, with a work-log note as its latest progress. */
  async function ownedBy(ownerId: string, note: string): Promise<Ticket> {
    const t = await rig.report();
    const saved = await rig.p.tickets.save({ ...t, ownerId }, [
      {
        type: 'noted',
        at: new Date(),
        actor: { kind: 'person', id: t.assigneeId, name: '工程师' },
        channel: 'wechat',
        fromStatus: null,
        toStatus: null,
        data: { note },
      },
    ]);
    if (!saved.ok) throw new Error(saved.error.message);
    return saved.value;
  }

  it('hands every open ticket of the outgoing engineer to the successor, mails them, cc the manager', async () => {
    const a = await ownedBy('desk-a', '已联系厂家，明早送配件');
    const b = await ownedBy('desk-a', '用户下午不在，改约明天');
    const done = await rig.walk(await ownedBy('desk-a', '完成'), ['acknowledge', 'start', 'resolve']);

    const res = await post(
      { from: 'desk-a', to: 'desk-b', shift: '早→中', notes: '三楼打印机待观察' },
      { 'Idempotency-Key': 'ho-1' },
    );
    expect(res.status).toBe(201);
    const { handover } = (await res.json()) as { handover: Handover };
    expect(handover).toMatchObject({
      fromId: 'desk-a',
      toId: 'desk-b',
      shift: '早-中',
      notes: '三楼打印机待观察',
    });
    const numbers = handover.items.map((i) => i.ticketNumber);
    expect(numbers).toEqual(expect.arrayContaining([a.number, b.number]));
    expect(numbers).not.toContain(done.number);
    expect(handover.items.find((i) => i.ticketNumber === a.number)?.latestProgress).toBe(
      '已联系厂家，明早送配件',
    );

    for (const t of [a, b]) {
      const stored = await rig.p.tickets.findById(t.id);
      expect(stored?.ownerId).toBe('desk-b');
      const ev = (await rig.p.tickets.events(t.id)).filter((e) => e.type === 'handed_over');
      expect(ev.map((e) => e.data)).toEqual([
        expect.objectContaining({
          previousOwnerId: 'desk-a',
          ownerId: 'desk-b',
          shift: '早-中',
          handoverId: handover.id,
        }),
      ]);
    }
    expect((await rig.p.tickets.findById(done.id))?.ownerId).toBe('desk-a');

    const mails = (await rig.queued('email', 'handover')).filter((n) =>
      n.id.startsWith(`handover-${handover.id}`),
    );
    expect(mails.map((n) => [n.to.address, n.cc])).toEqual([
      ['desk-b@example.edu.cn', [{ name: '冯经理', address: 'mgr@example.edu.cn' }]],
    ]);
    for (const text of [
      '交接人：王服务台',
      '被交接人：李服务台',
      '早-中',
      a.number,
      '其他备注：三楼打印机待观察',
    ])
      expect(mails[0]?.text).toContain(text);

    // The same request again (a retry) is the same handover and moves nothing twice.
    const again = await post({ from: 'desk-a', to: 'desk-b', shift: '早-中' }, { 'Idempotency-Key': 'ho-1' });
    expect(((await again.json()) as { handover: Handover }).handover.id).toBe(handover.id);
    expect((await rig.p.tickets.events(a.id)).filter((e) => e.type === 'handed_over')).toHaveLength(1);
  });

  it('answers every refusal with its status', async () => {
    expect((await fetch(`${rig.http.base}/api/v1/handovers`, { method: 'POST' })).status).toBe(401);
    expect((await post({ from: 'desk-a', to: 'desk-b', shift: '早-夜' })).status).toBe(400);
    expect((await post({ from: 'desk-a', to: 'desk-a', shift: '早-中' })).status).toBe(400);
    expect((await post({ from: 'desk-a', to: 'eng-print', shift: '早-中' })).status).toBe(400);
    expect((await post({ from: 'desk-a', to: 'nobody', shift: '早-中' })).status).toBe(404);
    expect((await post({ from: 'desk-a', shift: '早-中' })).status).toBe(400);
    expect((await post({ from: 'desk-a', to: 'desk-b', shift: '早-中', extra: 1 })).status).toBe(400);
    const text = await fetch(`${rig.http.base}/api/v1/handovers`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(text.status).toBe(415);
    expect((await fetch(`${rig.http.base}/api/v1/handovers`, { headers: auth })).status).toBe(405);
  });

  it('at a shift end, flags tickets still owned by whoever went off duty, and repeats until handed over', async () => {
    const t = await ownedBy('desk-b', '等待用户确认');
    const endAt = new Date(Date.now() - 60_000);
    const timer: StoredTimer = {
      ticketId: `shift-end-${endAt.toISOString()}`,
      kind: SHIFT_END_KIND,
      n: 0,
      dueAt: endAt,
      data: { endAt: endAt.toISOString(), shifts: ['中'], offDuty: ['desk-b'] },
      state: 'firing',
      version: 1,
      firedAt: null,
    };
    await rig.p.followups.shiftEnds.fire(timer, new Date());
    // desk-a (on shift, on WeChat) is told; the manager too (by mail).
    const flags = (await rig.queued('wechat', 'triage')).filter((n) => n.id.startsWith(timer.ticketId));
    expect(flags.map((n) => n.to.personId)).toEqual(['desk-a']);
    expect(flags[0]?.text).toContain(t.number);
    expect(
      (await rig.queued('email', 'triage')).some(
        (n) => n.id.startsWith(timer.ticketId) && n.to.personId === 'mgr',
      ),
    ).toBe(true);
    const repeats = await rig.p.timers.scheduler.list(timer.ticketId, 'handover.');
    expect(repeats.map((r) => [r.n, r.state])).toEqual([[1, 'pending']]);

    // Handed over: the repeat finds nothing left and stops.
    expect((await post({ from: 'desk-b', to: 'desk-a', shift: '中' })).status).toBe(201);
    const repeat = repeats[0]!;
    await rig.p.followups.shiftEnds.fire(repeat, new Date());
    expect(
      (await rig.queued('wechat', 'triage')).filter((n) => n.id.startsWith(`${timer.ticketId}-1`)),
    ).toEqual([]);
    expect((await rig.p.timers.scheduler.list(timer.ticketId, 'handover.')).map((r) => r.n)).toEqual([1]);
  });
});
