import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/tickets/ticket-event.js';
import type { TicketActionRequest } from '../../../core/use-cases/ticket-actions/index.js';
import { ActionHarness } from './action-harness.js';

const ENGINEER: Actor = { kind: 'person', id: 'eng-print', name: '赵打印' };
const REPORTER: Actor = { kind: 'reporter', id: null, name: '李同学' };
/** Monday 2026-11-23 in Shanghai runs from 2026-11-22T16:00Z to 2026-11-23T16:00Z. */
const DAY_FROM = new Date('2026-11-22T16:00:00Z');
const DAY_TO = new Date('2026-11-23T16:00:00Z');

/**
 * Known data, built through the real actions at set clock times:
 *  A 打印机, today 09:00, 接单 after 5 min, resolved remotely at 10:00, rated 5
 *  B 打印机, today 09:30, dispatched, nobody answered (overdue at 10:00)
 *  C 打印机, yesterday 23:00 local, only accepted (not today's; stale)
 *  D 网络, today 00:30 local, dispatched, re-routed, 接单 15 min after the re-route (late), on site since 01:00
 *  E 打印机, today 08:00, resolved on site 08:30, not rated
 */
describe('DrizzleTicketQueries on PGlite', { timeout: 30_000 }, () => {
  let h: ActionHarness;
  const ids: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = { A: '', B: '', C: '', D: '', E: '' };
  const act = async (id: string, at: string, request: TicketActionRequest, actor: Actor = ENGINEER) => {
    h.clock.set(at);
    const r = await h.actions().execute({ ticket: { id }, actor, channel: 'wechat', request });
    if (!r.ok) throw new Error(r.error.message);
  };

  beforeAll(async () => {
    h = await ActionHarness.open();
    h.clock.set('2026-11-23T01:00:00Z');
    ids.A = (await h.ticket()).id;
    await act(ids.A, '2026-11-23T01:05:00Z', { action: 'acknowledge' });
    await act(ids.A, '2026-11-23T02:00:00Z', {
      action: 'resolve',
      process: '远程',
      parts: [],
      consumables: [],
      remote: true,
    });
    await act(ids.A, '2026-11-23T02:10:00Z', { action: 'rate', rating: 5, comment: null }, REPORTER);

    h.clock.set('2026-11-23T01:30:00Z');
    ids.B = (await h.ticket()).id;

    h.clock.set('2026-11-22T15:00:00Z');
    ids.C = (await h.ticket(['accept'])).id;

    h.clock.set('2026-11-22T16:30:00Z');
    ids.D = (await h.ticket(['accept', 'dispatch'], { category: '网络' }, 'eng-net')).id;
    await act(ids.D, '2026-11-22T16:40:00Z', { action: 'reassign', assigneeId: 'eng-net-l3', reason: null });
    await act(ids.D, '2026-11-22T16:55:00Z', { action: 'acknowledge' });
    await act(ids.D, '2026-11-22T17:00:00Z', { action: 'arrive' });

    h.clock.set('2026-11-23T00:00:00Z');
    ids.E = (await h.ticket()).id;
    await act(ids.E, '2026-11-23T00:10:00Z', { action: 'arrive' });
    await act(ids.E, '2026-11-23T00:30:00Z', {
      action: 'resolve',
      process: '换硒鼓',
      parts: ['硒鼓'],
      consumables: [],
      remote: null,
    });
  }, 180_000);
  afterAll(async () => h?.close());

  it('counts today by status and category with the KPIs, in the desk time zone', async () => {
    const c = await h.queries.countsBetween(DAY_FROM, DAY_TO, 10);
    expect(c).toEqual({
      created: 4,
      byStatus: { closed: 1, dispatched: 1, in_progress: 1, resolved: 1 },
      byCategory: expect.arrayContaining([
        { category: '打印机', count: 3 },
        { category: '网络', count: 1 },
      ]),
      resolved: 2,
      resolvedRemotely: 1,
      responded: 3,
      respondedInTime: 2,
      rated: 1,
      meanRating: 5,
      dispatched: 4,
      dispatchedOnce: 3,
    });
    expect(c.byCategory).toHaveLength(2);
    const yesterday = await h.queries.countsBetween(new Date('2026-11-21T16:00:00Z'), DAY_FROM, 10);
    expect(yesterday).toMatchObject({ created: 1, byStatus: { accepted: 1 }, resolved: 0, meanRating: null });
  });

  it('lists dispatched tickets nobody answered, up to a cut-off', async () => {
    const all = await h.queries.awaitingResponse(new Date('2026-11-23T02:00:00Z'), 50);
    expect(all.map((t) => t.id)).toEqual([ids.B]);
    expect(all[0]).toMatchObject({ assigneeId: 'eng-print', dispatchedAt: new Date('2026-11-23T01:30:00Z') });
    expect(await h.queries.awaitingResponse(new Date('2026-11-23T01:29:00Z'), 50)).toEqual([]);
  });

  it('lists resolved tickets without a rating, oldest first', async () => {
    const list = await h.queries.resolvedUnrated(50);
    expect(list.map((t) => t.id)).toEqual([ids.E]);
    expect(list[0]).toMatchObject({ reporterName: '李同学', resolvedAt: new Date('2026-11-23T00:30:00Z') });
  });

  it('lists open tickets whose last note or status change is older than the cut-off', async () => {
    const cutoff = new Date('2026-11-23T00:00:00Z'); // 4 h before 04:00Z
    const stale = await h.queries.withoutWorkLogSince(cutoff, 50);
    expect(stale.map((t) => [t.id, t.lastLogAt.toISOString()])).toEqual([
      [ids.C, '2026-11-22T15:00:00.000Z'],
      [ids.D, '2026-11-22T17:00:00.000Z'],
    ]);
    // A 进展 note is a work log: D drops off the list.
    await act(
      ids.D,
      '2026-11-23T03:00:00Z',
      { action: 'note', text: '更换光模块' },
      { kind: 'person', id: 'eng-net-l3', name: '周网络专家' },
    );
    expect((await h.queries.withoutWorkLogSince(cutoff, 50)).map((t) => t.id)).toEqual([ids.C]);
  });

  it('gives each engineer open work, resolved work and mean response minutes in the period', async () => {
    const w = await h.queries.workload(['eng-print', 'eng-net-l3', 'eng-pc-l2'], DAY_FROM, DAY_TO);
    expect(w).toEqual([
      { personId: 'eng-print', open: 1, resolved: 2, meanResponseMinutes: 7.5 },
      { personId: 'eng-net-l3', open: 1, resolved: 0, meanResponseMinutes: 15 },
      { personId: 'eng-pc-l2', open: 0, resolved: 0, meanResponseMinutes: null },
    ]);
  });

  it('treats hostile text as data: a ticket number full of SQL finds nothing and breaks nothing', async () => {
    const r = await h.actions().execute({
      ticket: { number: "INC-1'; drop table tickets; --" },
      actor: ENGINEER,
      channel: 'wechat',
      request: { action: 'acknowledge' },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
    expect((await h.queries.countsBetween(DAY_FROM, DAY_TO, 10)).created).toBe(4);
  });
});
