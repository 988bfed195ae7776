import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context.js';
import { createdEvent, event, message, newTicket } from './fixtures.js';

export function concurrentBurstsCases(ctx: ContractContext): void {
  // Concurrent calls of one kind share statements; each caller must still get its own answer.
  describe('bursts of concurrent calls', () => {
    it('creates a burst: a failure and duplicates take no number, days and prefixes keep their own', async () => {
      const stored = await ctx.createOk({ externalId: 'stored' });
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 6 }, (_, i) => ctx.create({ externalId: `fresh-${i}` })),
        ctx.create({ externalId: 'broken', ticket: { ...newTicket(), rating: 9 } }),
        ctx.create({ externalId: 'stored' }),
        ctx.create({ externalId: 'fresh-0' }),
        ctx.create({ externalId: 'next-day', localDate: '2026-11-24', prefix: 'REQ' }),
      ]);
      const values = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : null));
      expect(outcomes[6]?.status).toBe('rejected');
      expect(values[7]).toEqual({ created: false, ticketId: stored.id });
      const fresh = values.slice(0, 6).map((v) => (v?.created ? v.ticket : null));
      expect(values[8]).toEqual({ created: false, ticketId: fresh[0]?.id });
      expect(fresh.map((t) => t?.number).sort()).toEqual(
        [2, 3, 4, 5, 6, 7].map((n) => `INC-20261123-000${n}`),
      );
      expect(values[9]).toMatchObject({ created: true, ticket: { number: 'REQ-20261124-0001' } });
      for (const t of fresh) expect(await ctx.repo.findById(t?.id ?? '')).toEqual(t);
      expect(await ctx.countTickets()).toBe(8);
      expect((await ctx.createOk()).number).toBe('INC-20261123-0008');
    });

    it('answers a burst of reads each with its own ticket, repeats and misses included', async () => {
      const a = await ctx.createOk();
      const b = await ctx.createOk();
      const found = await Promise.all([
        ctx.repo.findById(a.id),
        ctx.repo.findById('missing'),
        ctx.repo.findById(b.id),
        ctx.repo.findById(a.id),
        ctx.repo.findByNumber(b.number),
        ctx.repo.findByNumber('INC-20261123-9999'),
        ctx.repo.findByNumber(a.number),
      ]);
      expect(found).toEqual([a, null, b, a, b, null, a]);
      expect(found[0]).not.toBe(found[3]);
    });

    it('saves a burst: fresh, stale and missing tickets each get their own outcome', async () => {
      const [a, b, c] = [await ctx.createOk(), await ctx.createOk(), await ctx.createOk()];
      const results = await Promise.all([
        ctx.repo.save({ ...a, priority: 'P1' }, [event('field_changed')]),
        ctx.repo.save({ ...b, version: 7 }, [event('field_changed')]),
        ctx.repo.save({ ...c, status: 'accepted' }, [event('classified'), event('accepted')]),
        ctx.repo.save({ ...a, id: 'gone' }, [event('field_changed')]),
      ]);
      expect(results.map((r) => (r.ok ? r.value.version : r.error.code))).toEqual([
        2,
        'TICKET_CONCURRENT_UPDATE',
        2,
        'TICKET_NOT_FOUND',
      ]);
      expect(await ctx.repo.findById(a.id)).toEqual({ ...a, priority: 'P1', version: 2 });
      expect(await ctx.repo.findById(b.id)).toEqual(b);
      const types = async (id: string) => (await ctx.repo.events(id)).map((e) => e.type);
      expect(await types(a.id)).toEqual(['created', 'field_changed']);
      expect(await types(b.id)).toEqual(['created']);
      expect(await types(c.id)).toEqual(['created', 'classified', 'accepted']);
    });

    it('appends a burst of messages and events to several tickets', async () => {
      const [a, b] = [await ctx.createOk({ externalId: 'a' }), await ctx.createOk({ externalId: 'b' })];
      const added = { ...createdEvent(), type: 'message_added' as const, data: {} };
      const results = await Promise.all([
        ctx.repo.appendMessage(a.id, message('a-2'), added),
        ctx.repo.appendMessage(b.id, message('b-2'), added),
        ctx.repo.appendMessage(b.id, message('a'), added),
        ctx.repo.appendMessage(a.id, message('a-2'), added),
        ctx.repo.appendMessage(
          a.id,
          message('a-3', { attachments: [{ name: 'x', contentType: 't', size: 1 }] }),
          added,
        ),
        ctx.repo.appendEvents(b.id, [event('accepted'), event('dispatched')]),
      ]);
      expect(results.slice(0, 5)).toEqual([
        { added: true },
        { added: true },
        { added: false },
        { added: false },
        { added: true },
      ]);
      expect((await ctx.repo.messages(a.id)).map((m) => [m.externalId, m.attachments.length])).toEqual([
        ['a', 0],
        ['a-2', 0],
        ['a-3', 1],
      ]);
      expect((await ctx.repo.events(a.id)).map((e) => e.type)).toEqual([
        'created',
        'message_added',
        'message_added',
      ]);
      expect((await ctx.repo.events(b.id)).map((e) => e.type).sort()).toEqual(
        ['accepted', 'created', 'dispatched', 'message_added'].sort(),
      );
    });

    it('reads a burst of event logs, each ticket its own and in order, repeats and misses included', async () => {
      const [a, b] = [await ctx.createOk(), await ctx.createOk()];
      await ctx.repo.appendEvents(a.id, [event('accepted'), event('dispatched')]);
      await ctx.repo.appendEvents(b.id, [event('field_changed')]);
      const logs = await Promise.all([
        ctx.repo.events(a.id),
        ctx.repo.events(b.id),
        ctx.repo.events('missing'),
        ctx.repo.events(a.id),
        ctx.repo.events(b.id),
      ]);
      expect(logs.map((log) => log.map((e) => e.type))).toEqual([
        ['created', 'accepted', 'dispatched'],
        ['created', 'field_changed'],
        [],
        ['created', 'accepted', 'dispatched'],
        ['created', 'field_changed'],
      ]);
      expect(logs[0]?.every((e) => e.ticketId === a.id)).toBe(true);
      expect(logs[1]?.every((e) => e.ticketId === b.id)).toBe(true);
      // A caller may change what it was given without touching another caller's answer.
      expect(logs[0]).not.toBe(logs[3]);
    });

    it('counts open tickets for overlapping lists asked at once', async () => {
      await ctx.createOk({
        ticket: { ...newTicket(), status: 'dispatched', assigneeId: 'eng-1', ownerId: 'desk-1' },
      });
      await ctx.createOk({
        ticket: { ...newTicket(), status: 'closed', assigneeId: 'eng-1', ownerId: 'desk-1' },
      });
      await ctx.createOk({
        ticket: { ...newTicket(), status: 'new', assigneeId: 'eng-2', ownerId: 'desk-2' },
      });
      const counts = await Promise.all([
        ctx.repo.openCountsByAssignee(['eng-1']),
        ctx.repo.openCountsByAssignee(['eng-2', 'eng-3']),
        ctx.repo.openCountsByAssignee(['eng-1', 'eng-2']),
        ctx.repo.openCountsByOwner(['desk-2']),
        ctx.repo.openCountsByOwner(['desk-1', 'desk-9']),
        ctx.repo.openCountsByOwner(['desk-1', 'desk-2']),
      ]);
      expect(counts.map((m) => Object.fromEntries(m))).toEqual([
        { 'eng-1': 1 },
        { 'eng-2': 1 },
        { 'eng-1': 1, 'eng-2': 1 },
        { 'desk-2': 1 },
        { 'desk-1': 1 },
        { 'desk-1': 1, 'desk-2': 1 },
      ]);
    });
  });

  // The statements behind the bursts, one batch each: a batch that fell back to single calls
  // would still answer right above, so check here that a batch alone gets it right.
  it('keeps the per-person counts equal to a fresh count of the tickets after a burst', async () => {
    const people = ['eng-1', 'eng-2', 'desk-1', null];
    const statuses = ['new', 'accepted', 'dispatched', 'resolved', 'closed'] as const;
    const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        ctx.createOk({
          ticket: { ...newTicket(), assigneeId: pick(people, i), ownerId: pick(people, i + 1) },
        }),
      ),
    );
    await Promise.all(
      created.map((t, i) =>
        ctx.repo.save(
          {
            ...t,
            status: pick(statuses, i),
            assigneeId: pick(people, i * 7),
            ownerId: pick(people, i * 5),
          },
          [],
        ),
      ),
    );
    const rows = async (query: ReturnType<typeof sql>) =>
      ((await ctx.database.db.execute(query)) as unknown as { rows: unknown[] }).rows;
    const kept = await rows(sql`select role, person_id, status, tickets from ticket_person_counts
      where tickets <> 0 order by 1, 2, 3`);
    const fresh = await rows(sql`select r.role, r.person_id, t.status, count(*)::int as tickets
      from tickets t cross join lateral (values ('assignee', t.assignee_id), ('owner', t.owner_id)) r(role, person_id)
      where r.person_id is not null group by 1, 2, 3 order by 1, 2, 3`);
    expect(kept).toEqual(fresh);
    expect(fresh.length).toBeGreaterThan(5);
  });

  it('stores a lone surrogate from outside as U+FFFD instead of failing the write', async () => {
    const broken = `打印机\uD83D坏了`;
    const fixed = '打印机\uFFFD坏了';
    const outcome = await ctx.create({ externalId: `m-\uDC00`, ticket: { ...newTicket(), title: broken } });
    if (!outcome.created) throw new Error('expected a new ticket');
    expect((await ctx.repo.findById(outcome.ticket.id))?.title).toBe(fixed);
    expect(await ctx.repo.findTicketIdByMessage('wechat', 'm-\uFFFD')).toBe(outcome.ticket.id);
    const reply = message('reply', { text: broken });
    const added = { ...createdEvent(), type: 'message_added' as const, data: { text: broken } };
    expect(await ctx.repo.appendMessage(outcome.ticket.id, reply, added)).toEqual({ added: true });
    expect((await ctx.repo.messages(outcome.ticket.id))[1]?.text).toBe(fixed);
    expect((await ctx.repo.events(outcome.ticket.id))[1]?.data).toEqual({ text: fixed });
    // Ids that differ only in their broken character are one id once stored. (The first two
    // calls keep the batcher busy, so the rest would travel together if allowed.)
    const results = await Promise.all(
      ['busy-1', 'busy-2', ...['\uD800', '\uDBFF', '\uDC00', '\uDFFF'].map((c) => `twin-${c}`)].map((id) =>
        ctx.repo.appendMessage(outcome.ticket.id, message(id), added),
      ),
    );
    expect(results.slice(0, 2).map((r) => r.added)).toEqual([true, true]);
    // Exactly one twin is stored; which one wins the race is not part of the contract.
    expect(results.slice(2).filter((r) => r.added)).toHaveLength(1);
    expect(await ctx.repo.events(outcome.ticket.id)).toHaveLength(5);
  });
}
