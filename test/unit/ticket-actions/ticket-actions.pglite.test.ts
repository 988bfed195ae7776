import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM, type Actor } from '../../../core/tickets/ticket-event.js';
import type { TicketActionRequest } from '../../../core/use-cases/ticket-actions/index.js';
import { ActionHarness, NOW } from './action-harness.js';

const ENGINEER: Actor = { kind: 'person', id: 'eng-print', name: '赵打印' };
const REPORTER: Actor = { kind: 'reporter', id: null, name: '李同学' };

describe('TicketActionsUseCase on PGlite', { timeout: 30_000 }, () => {
  let h: ActionHarness;
  // PGlite boots and migrates in-process; on a shared 2-core machine that can take a while.
  beforeAll(async () => {
    h = await ActionHarness.open();
  }, 120_000);
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  const run = (id: string, request: TicketActionRequest, actor: Actor = ENGINEER) =>
    h.actions().execute({ ticket: { id }, actor, channel: 'wechat', request });
  const later = (minutes: number) => h.clock.set(new Date(NOW.getTime() + minutes * 60_000));

  it('walks 接单 → 到达 → 进展 → 挂起 → 恢复 → 完成 → 评价, every step a stored event', async () => {
    const t = await h.ticket();
    later(3);
    expect(await run(t.id, { action: 'acknowledge' })).toMatchObject({
      ok: true,
      value: { ticket: { status: 'acknowledged', acknowledgedAt: new Date(NOW.getTime() + 180_000) } },
    });
    later(20);
    expect((await run(t.id, { action: 'arrive' })).ok).toBe(true);
    expect(await h.reload(t.id)).toMatchObject({
      status: 'in_progress',
      arrivedAt: new Date(NOW.getTime() + 1_200_000),
    });
    const noted = await run(t.id, { action: 'note', text: '  拆机检查，搓纸轮磨损 ' });
    expect(noted).toMatchObject({ ok: true, value: { ticket: { status: 'in_progress' } } });
    expect((await run(t.id, { action: 'pend', reason: '等待配件' })).ok).toBe(true);
    expect((await h.reload(t.id)).status).toBe('pending');
    expect((await run(t.id, { action: 'resume' })).ok).toBe(true);
    later(60);
    const resolved = await run(t.id, {
      action: 'resolve',
      process: '更换搓纸轮',
      parts: ['搓纸轮'],
      consumables: ['A4纸'],
      remote: null,
    });
    expect(resolved.ok).toBe(true);
    const done = await h.reload(t.id);
    expect(done).toMatchObject({
      status: 'resolved',
      resolvedAt: new Date(NOW.getTime() + 3_600_000),
      departedAt: new Date(NOW.getTime() + 3_600_000),
      resolution: {
        process: '更换搓纸轮',
        parts: ['搓纸轮'],
        consumables: ['A4纸'],
        remote: false,
        signedOffBy: 'eng-print',
      },
    });
    expect((await run(t.id, { action: 'rate', rating: 5, comment: '很快' }, REPORTER)).ok).toBe(true);
    expect(await h.reload(t.id)).toMatchObject({ status: 'closed', rating: 5, ratingComment: '很快' });

    const events = await h.tickets.events(t.id);
    expect(events.map((e) => e.type)).toEqual([
      'created',
      'accepted',
      'dispatched',
      'acknowledged',
      'started',
      'noted',
      'pended',
      'resumed',
      'departed',
      'resolved',
      'rated',
      'closed',
    ]);
    expect(events.find((e) => e.type === 'noted')).toMatchObject({
      actor: ENGINEER,
      channel: 'wechat',
      fromStatus: null,
      data: { text: '拆机检查，搓纸轮磨损' },
    });
    expect(events.find((e) => e.type === 'pended')?.data).toEqual({ reason: '等待配件' });
    expect(events.find((e) => e.type === 'resolved')?.data).toMatchObject({
      remote: false,
      remoteInferred: true,
    });
  });

  it('到达 without 接单 records the response and the arrival', async () => {
    const t = await h.ticket();
    expect((await run(t.id, { action: 'arrive' })).ok).toBe(true);
    expect(await h.eventTypes(t.id)).toEqual([
      'created',
      'accepted',
      'dispatched',
      'acknowledged',
      'started',
    ]);
    expect(await h.reload(t.id)).toMatchObject({ acknowledgedAt: NOW, arrivedAt: NOW });
  });

  it('a remote resolution from 接单 leaves no on-site times; unspecified counts as remote', async () => {
    const t = await h.ticket();
    await run(t.id, { action: 'acknowledge' });
    await run(t.id, { action: 'resolve', process: '远程重装驱动', parts: [], consumables: [], remote: null });
    expect(await h.reload(t.id)).toMatchObject({
      status: 'resolved',
      departedAt: null,
      resolution: { remote: true },
    });
    expect(await h.eventTypes(t.id)).not.toContain('departed');
  });

  it.each<[string, string[], TicketActionRequest, string]>([
    ['接单 twice', ['accept', 'dispatch', 'acknowledge'], { action: 'acknowledge' }, '已响应'],
    ['挂起 before work started', ['accept', 'dispatch'], { action: 'pend', reason: 'x' }, '不能挂起'],
    [
      '恢复 what is not pending',
      ['accept', 'dispatch', 'acknowledge', 'start'],
      { action: 'resume' },
      '不能恢复',
    ],
    [
      '完成 a dispatched ticket nobody answered',
      ['accept', 'dispatch'],
      { action: 'resolve', process: 'x', parts: [], consumables: [], remote: null },
      '不能完成',
    ],
  ])('refuses %s by the transition table, saying the status', async (_name, steps, request, says) => {
    const t = await h.ticket(steps as never);
    const r = await run(t.id, request);
    expect(r).toMatchObject({ ok: false, error: { code: 'TICKET_INVALID_TRANSITION', retryable: false } });
    if (r.ok) throw new Error('allowed');
    expect(r.error.message).toContain(says);
    expect((await h.reload(t.id)).version).toBe(t.version);
  });

  it('进展 on a closed ticket and an empty note are refused', async () => {
    const t = await h.ticket(['accept', 'cancel']);
    expect(await run(t.id, { action: 'note', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'ACTION_TICKET_NOT_OPEN' },
    });
    const open = await h.ticket();
    expect(await run(open.id, { action: 'note', text: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'ACTION_EMPTY_TEXT' },
    });
  });

  it('转派 to a named engineer re-routes and counts against first-time-correct dispatch', async () => {
    const t = await h.ticket(['accept', 'dispatch', 'acknowledge']);
    const r = await run(t.id, { action: 'reassign', assigneeId: 'eng-pc-l2', reason: '需要二线' });
    expect(r).toMatchObject({
      ok: true,
      value: {
        ticket: { status: 'dispatched', assigneeId: 'eng-pc-l2', dispatchCount: 2, acknowledgedAt: null },
      },
    });
    const last = (await h.tickets.events(t.id)).at(-1);
    expect(last).toMatchObject({
      type: 'reassigned',
      data: { assigneeId: 'eng-pc-l2', previousAssigneeId: 'eng-print', reason: '需要二线' },
    });
    expect(await run(t.id, { action: 'reassign', assigneeId: 'eng-pc-l2', reason: null })).toMatchObject({
      ok: false,
      error: { code: 'TICKET_SAME_ASSIGNEE' },
    });
    expect(await run(t.id, { action: 'reassign', assigneeId: 'mgr', reason: null })).toMatchObject({
      ok: false,
      error: { code: 'ACTION_NOT_AN_ENGINEER' },
    });
  });

  it('升级 goes to a higher-level engineer with the skill, least loaded first, with an escalated event', async () => {
    const t = await h.ticket(['accept', 'dispatch', 'acknowledge', 'start']);
    const r = await run(t.id, { action: 'escalate', reason: '主板故障' });
    expect(r).toMatchObject({
      ok: true,
      value: { ticket: { status: 'dispatched', assigneeId: 'eng-pc-l2', dispatchCount: 2 } },
    });
    const [escalated, reassigned] = (await h.tickets.events(t.id)).slice(-2);
    expect(escalated).toMatchObject({
      type: 'escalated',
      data: {
        reason: '主板故障',
        fromAssigneeId: 'eng-print',
        toAssigneeId: 'eng-pc-l2',
        fromLevel: 1,
        toLevel: 2,
        offShift: false,
      },
    });
    expect(reassigned).toMatchObject({
      type: 'reassigned',
      toStatus: 'dispatched',
      data: { escalation: '主板故障' },
    });
    // From L2 the only one above is the L3 expert.
    const again = await run(t.id, { action: 'escalate', reason: '仍未解决' }, SYSTEM('sla'));
    expect(again).toMatchObject({ ok: true, value: { ticket: { assigneeId: 'eng-print-l3' } } });
    expect((await h.tickets.events(t.id)).at(-2)).toMatchObject({
      type: 'escalated',
      actor: { kind: 'system', id: 'sla' },
    });
    const top = await run(t.id, { action: 'escalate', reason: '还是不行' });
    expect(top).toMatchObject({ ok: false, error: { code: 'ACTION_NO_HIGHER_ENGINEER' } });
  });

  it('升级 calls in an off-duty expert when nobody senior is on shift, and dispatches a triaged ticket', async () => {
    const t = await h.ticket(['accept'], { category: '网络' }, 'eng-net');
    const r = await run(t.id, { action: 'escalate', reason: '全楼断网' }, SYSTEM('sla'));
    // eng-net (L2) is not the assignee here (triage: nobody assigned), so anyone above level 0 qualifies; on duty wins.
    expect(r).toMatchObject({ ok: true, value: { ticket: { status: 'dispatched', assigneeId: 'eng-net' } } });
    const fromL2 = await run(t.id, { action: 'escalate', reason: '核心交换机' }, SYSTEM('sla'));
    expect(fromL2).toMatchObject({ ok: true, value: { ticket: { assigneeId: 'eng-net-l3' } } });
    expect((await h.tickets.events(t.id)).at(-2)?.data).toMatchObject({ offShift: true });
  });

  it('取消 closes an open ticket with the reason; a resolved one cannot be cancelled', async () => {
    const t = await h.ticket();
    expect(await run(t.id, { action: 'cancel', reason: '已自行恢复' }, REPORTER)).toMatchObject({
      ok: true,
      value: { ticket: { status: 'cancelled', closedAt: NOW } },
    });
    const resolved = await h.ticket(['accept', 'resolve']);
    expect(await run(resolved.id, { action: 'cancel', reason: null })).toMatchObject({
      ok: false,
      error: { code: 'TICKET_INVALID_TRANSITION' },
    });
  });

  it('评价 accepts 1–5 once, only after resolution, and records a late rating on a closed ticket', async () => {
    const open = await h.ticket();
    expect(await run(open.id, { action: 'rate', rating: 5, comment: null }, REPORTER)).toMatchObject({
      ok: false,
      error: { code: 'ACTION_TICKET_NOT_RESOLVED' },
    });
    const t = await h.ticket(['accept', 'resolve']);
    for (const bad of [0, 6, 3.5])
      expect(await run(t.id, { action: 'rate', rating: bad, comment: null }, REPORTER)).toMatchObject({
        ok: false,
        error: { code: 'ACTION_INVALID_RATING' },
      });
    expect((await run(t.id, { action: 'rate', rating: 2, comment: null }, REPORTER)).ok).toBe(true);
    expect(await run(t.id, { action: 'rate', rating: 5, comment: null }, REPORTER)).toMatchObject({
      ok: false,
      error: { code: 'ACTION_ALREADY_RATED' },
    });
    const timedOut = await h.ticket(['accept', 'resolve', 'close']);
    expect(await run(timedOut.id, { action: 'rate', rating: 4, comment: '好' }, REPORTER)).toMatchObject({
      ok: true,
      value: { ticket: { status: 'closed', rating: 4 } },
    });
    expect((await h.eventTypes(timedOut.id)).at(-1)).toBe('rated');
  });

  it('finds the ticket by number too, and says so when there is none', async () => {
    const t = await h.ticket();
    const byNumber = await h.actions().execute({
      ticket: { number: t.number.toLowerCase() },
      actor: ENGINEER,
      channel: 'web',
      request: { action: 'acknowledge' },
    });
    expect(byNumber.ok).toBe(true);
    expect(
      await h.actions().execute({
        ticket: { number: 'INC-20990101-0001' },
        actor: ENGINEER,
        channel: 'web',
        request: { action: 'acknowledge' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
  });

  it('retries on a concurrent update: two engineers racing to act both get an answer, one change each', async () => {
    const t = await h.ticket(['accept', 'dispatch', 'acknowledge', 'start']);
    const [a, b] = await Promise.all([
      run(t.id, { action: 'note', text: '第一条' }),
      run(t.id, { action: 'note', text: '第二条' }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const notes = (await h.tickets.events(t.id)).filter((e) => e.type === 'noted').map((e) => e.data.text);
    expect(notes.sort()).toEqual(['第一条', '第二条']);
    expect((await h.reload(t.id)).version).toBe(t.version + 2);
  });
});
