import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DrizzlePersonRepository, DrizzleTicketRepository, type Database } from '../../adapters/db/index.js';
import { appendMessages } from '../../adapters/db/append-to-ticket.js';
import { createTickets } from '../../adapters/db/create-ticket.js';
import { saveTickets } from '../../adapters/db/save-ticket.js';
import { sqlRunnerFor } from '../../adapters/db/sql-runner.js';
import type { Person } from '../../core/desk/index.js';
import type { CreateTicketInput, NewTicketMessage } from '../../core/ports/index.js';
import type { NewTicket, Ticket, TicketEvent } from '../../core/tickets/index.js';

/**
 * The storage contract, run against every driver: a factory opens a fresh, migrated database.
 * Tables are emptied before each test (with triggers off, since the event log refuses TRUNCATE).
 */
export function ticketRepositoryContract(label: string, open: () => Promise<Database>): void {
  describe(label, { timeout: 60_000 }, () => {
    let database: Database;
    let repo: DrizzleTicketRepository;
    let people: DrizzlePersonRepository;

    beforeAll(async () => {
      database = await open();
      repo = new DrizzleTicketRepository(database.db);
      people = new DrizzlePersonRepository(database.db);
    }, 120_000);
    afterAll(async () => database?.close());
    beforeEach(async () => {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(
          sql`truncate ticket_attachments, ticket_messages, ticket_events, tickets, ticket_counters, people restart identity`,
        );
      });
    });

    const create = (overrides: Partial<CreateTicketInput> & { externalId?: string } = {}) =>
      repo.create({
        ticket: newTicket(),
        localDate: DAY,
        prefix: 'INC',
        message: message(overrides.externalId ?? `m-${Math.random()}`),
        event: createdEvent(),
        ...overrides,
      });
    const createOk = async (overrides: Parameters<typeof create>[0] = {}): Promise<Ticket> => {
      const outcome = await create(overrides);
      if (!outcome.created) throw new Error('expected a new ticket');
      return outcome.ticket;
    };
    const countTickets = async () => (await repo.list({ limit: 1, offset: 0 })).total;

    describe('create', () => {
      it('stores every field and reads it back unchanged', async () => {
        const full = fullTicket();
        const msg = message('wx-1', {
          attachments: [
            { name: '截图.png', contentType: 'image/png', size: 2048, storagePath: '2026/11/a.png' },
            {
              name: 'huge.mov',
              contentType: 'video/quicktime',
              size: 9_000_000_000,
              skippedReason: 'too large',
            },
          ],
        });
        const outcome = await repo.create({
          ticket: full,
          localDate: DAY,
          prefix: 'INC',
          message: msg,
          event: createdEvent(),
        });
        if (!outcome.created) throw new Error('expected a new ticket');
        const expected: Ticket = { ...full, id: outcome.ticket.id, number: 'INC-20261123-0001', version: 1 };
        expect(outcome.ticket).toEqual(expected);
        expect(await repo.findById(outcome.ticket.id)).toEqual(expected);
        expect(await repo.findByNumber('INC-20261123-0001')).toEqual(expected);
        expect(await repo.findTicketIdByMessage('wechat', 'wx-1')).toBe(outcome.ticket.id);
        const messages = await repo.messages(outcome.ticket.id);
        expect(messages).toEqual([{ ...msg, id: messages[0]?.id, ticketId: outcome.ticket.id }]);
        const events = await repo.events(outcome.ticket.id);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          ...createdEvent(),
          data: { via: '微信', number: expected.number },
        });
      });

      it('keeps nulls and empty arrays as they are', async () => {
        const ticket = await createOk();
        expect(await repo.findById(ticket.id)).toEqual({
          ...newTicket(),
          id: ticket.id,
          number: ticket.number,
          version: 1,
        });
        expect(await repo.findById('no-such-id')).toBeNull();
        expect(await repo.findByNumber('INC-20261123-9999')).toBeNull();
        expect(await repo.findTicketIdByMessage('email', 'unknown')).toBeNull();
      });

      it('numbers tickets per local day, restarting at 0001 on a new day', async () => {
        const a = await createOk();
        const b = await createOk();
        const c = await createOk({ localDate: '2026-11-24' });
        const d = await createOk({ localDate: '2026-11-24', prefix: 'REQ' });
        expect([a.number, b.number, c.number, d.number]).toEqual([
          'INC-20261123-0001',
          'INC-20261123-0002',
          'INC-20261124-0001',
          'REQ-20261124-0002',
        ]);
      });

      it('keeps counting past 9999 in the same format as core', async () => {
        await database.db.execute(sql`insert into ticket_counters (day, last) values (${DAY}, 9998)`);
        expect((await createOk()).number).toBe('INC-20261123-9999');
        expect((await createOk()).number).toBe('INC-20261123-10000');
      });

      it('writes nothing when any part of a create fails', async () => {
        const bad = create({ externalId: 'bad', ticket: { ...newTicket(), rating: 9 } });
        await expect(bad).rejects.toThrow();
        expect(await repo.findTicketIdByMessage('wechat', 'bad')).toBeNull();
        expect(await countTickets()).toBe(0);
        expect((await createOk({ externalId: 'bad' })).number).toBe('INC-20261123-0001');
      });

      it('does not create a second ticket, or burn a number, for a message it already stored', async () => {
        const first = await createOk({ externalId: 'dup' });
        const again = await create({ externalId: 'dup' });
        expect(again).toEqual({ created: false, ticketId: first.id });
        expect(await countTickets()).toBe(1);
        expect(await repo.events(first.id)).toHaveLength(1);
        expect(await repo.messages(first.id)).toHaveLength(1);
        expect((await createOk()).number).toBe('INC-20261123-0002');
      });

      it('gives 20 concurrent creates 20 distinct consecutive numbers', async () => {
        const created = await Promise.all(
          Array.from({ length: 20 }, (_, i) => createOk({ externalId: `c-${i}` })),
        );
        const numbers = created.map((t) => t.number).sort();
        expect(numbers).toEqual(
          Array.from({ length: 20 }, (_, i) => `INC-20261123-${String(i + 1).padStart(4, '0')}`),
        );
      });

      it('makes exactly one ticket out of 10 concurrent creates of the same message', async () => {
        const outcomes = await Promise.all(Array.from({ length: 10 }, () => create({ externalId: 'same' })));
        const winners = outcomes.filter((o) => o.created);
        expect(winners).toHaveLength(1);
        const id = winners[0]?.created ? winners[0].ticket.id : '';
        for (const o of outcomes) if (!o.created) expect(o.ticketId).toBe(id);
        expect(await countTickets()).toBe(1);
        expect((await createOk()).number).toBe('INC-20261123-0002');
      });
    });

    describe('messages and events', () => {
      it('appends a message once, however often it is delivered', async () => {
        const ticket = await createOk({ externalId: 'first' });
        const other = await createOk({ externalId: 'other' });
        const reply = message('reply', { direction: 'out', text: '已派单 ✅', senderPersonId: 'desk-1' });
        const event = { ...createdEvent(), type: 'message_added' as const, data: {} };
        expect(await repo.appendMessage(ticket.id, reply, event)).toEqual({ added: true });
        expect(await repo.appendMessage(ticket.id, reply, event)).toEqual({ added: false });
        expect(await repo.appendMessage(ticket.id, message('other'), event)).toEqual({ added: false });
        const messages = await repo.messages(ticket.id);
        expect(messages.map((m) => m.externalId)).toEqual(['first', 'reply']);
        expect(messages[1]).toMatchObject({ direction: 'out', text: '已派单 ✅', senderPersonId: 'desk-1' });
        expect((await repo.events(ticket.id)).map((e) => e.type)).toEqual(['created', 'message_added']);
        expect(await repo.messages(other.id)).toHaveLength(1);
      });

      it('stores an appended message with its attachments, and only its first delivery', async () => {
        const ticket = await createOk({ externalId: 'first' });
        const photo = {
          name: '现场.jpg',
          contentType: 'image/jpeg',
          size: 3_000_000_000,
          storagePath: 'x/1.jpg',
        };
        const skipped = {
          name: 'a.exe',
          contentType: 'application/octet-stream',
          size: 10,
          skippedReason: 'type',
        };
        const reply = message('with-files', { attachments: [photo, skipped] });
        const event = { ...createdEvent(), type: 'message_added' as const, data: { n: 1 } };
        expect(await repo.appendMessage(ticket.id, reply, event)).toEqual({ added: true });
        const again = { ...reply, attachments: [photo] };
        expect(await repo.appendMessage(ticket.id, again, event)).toEqual({ added: false });
        const messages = await repo.messages(ticket.id);
        expect(messages[1]).toEqual({ ...reply, id: messages[1]?.id, ticketId: ticket.id });
        const events = await repo.events(ticket.id);
        expect(events.map((e) => [e.type, e.data])).toEqual([
          ['created', { via: '微信', number: ticket.number }],
          ['message_added', { n: 1 }],
        ]);
      });

      it('returns events in the order they were written', async () => {
        const ticket = await createOk();
        const at = new Date(ticket.createdAt.getTime() + 1000);
        // Same instant on purpose: the order must come from the log, not the clock.
        await repo.appendEvents(ticket.id, [event('accepted', at), event('dispatched', at)]);
        await repo.appendEvents(ticket.id, [event('acknowledged', at)]);
        await repo.appendEvents(ticket.id, []);
        const events = await repo.events(ticket.id);
        expect(events.map((e) => e.type)).toEqual(['created', 'accepted', 'dispatched', 'acknowledged']);
        expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
        expect(events[2]).toMatchObject({ ticketId: ticket.id, at, data: { reason: 'skill 打印机' } });
      });

      it('refuses to change or remove history in ticket_events', async () => {
        const ticket = await createOk();
        const attempts = [
          sql`update ticket_events set type = 'closed' where ticket_id = ${ticket.id}`,
          sql`delete from ticket_events where ticket_id = ${ticket.id}`,
          sql`truncate ticket_events`,
        ];
        for (const statement of attempts) {
          const error = await database.db.execute(statement).then(
            () => null,
            (e: unknown) => e,
          );
          expect(errorText(error)).toMatch(
            /ticket_events is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/,
          );
        }
        expect(await repo.events(ticket.id)).toHaveLength(1);
      });
    });

    describe('save', () => {
      it('bumps the version and appends the events with the change', async () => {
        const ticket = await createOk();
        const at = new Date('2026-11-23T02:10:00.000Z');
        const changed: Ticket = {
          ...ticket,
          status: 'resolved',
          assigneeId: 'eng-7',
          resolvedAt: at,
          updatedAt: at,
          resolution: {
            ...ticket.resolution,
            process: '更换硒鼓',
            parts: ['硒鼓 CF226A'],
            consumables: ['A4 纸'],
          },
        };
        const saved = await repo.save(changed, [event('resolved', at)]);
        expect(saved).toEqual({ ok: true, value: { ...changed, version: 2 } });
        expect(await repo.findById(ticket.id)).toEqual({ ...changed, version: 2 });
        expect((await repo.events(ticket.id)).map((e) => e.type)).toEqual(['created', 'resolved']);
      });

      it('keeps the order of several events saved at the same instant, and saves with none', async () => {
        const ticket = await createOk();
        const saved = await repo.save({ ...ticket, status: 'accepted' }, [
          event('classified'),
          event('accepted'),
          event('dispatched'),
        ]);
        if (!saved.ok) throw new Error(saved.error.message);
        const quiet = await repo.save({ ...saved.value, priority: 'P2' }, []);
        expect(quiet).toEqual({ ok: true, value: { ...saved.value, priority: 'P2', version: 3 } });
        const events = await repo.events(ticket.id);
        expect(events.map((e) => e.type)).toEqual(['created', 'classified', 'accepted', 'dispatched']);
        expect(events[1]).toMatchObject({
          at: AT,
          actor: { kind: 'system', id: 'dispatcher' },
          fromStatus: null,
        });
      });

      it('lets exactly one of 10 concurrent saves of one version through, with only its events', async () => {
        const ticket = await createOk();
        const outcomes = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            repo.save({ ...ticket, title: `edit ${i}` }, [{ ...event('field_changed'), data: { i } }]),
          ),
        );
        const winners = outcomes.flatMap((o, i) => (o.ok ? [i] : []));
        expect(winners).toHaveLength(1);
        for (const o of outcomes) if (!o.ok) expect(o.error.code).toBe('TICKET_CONCURRENT_UPDATE');
        expect(await repo.findById(ticket.id)).toMatchObject({ title: `edit ${winners[0]}`, version: 2 });
        const events = await repo.events(ticket.id);
        expect(events.map((e) => e.data)).toEqual([expect.anything(), { i: winners[0] }]);
      });

      it('rejects a stale save with TICKET_CONCURRENT_UPDATE and writes nothing', async () => {
        const ticket = await createOk();
        const first = await repo.save({ ...ticket, priority: 'P1' }, [event('field_changed')]);
        expect(first.ok).toBe(true);
        const stale = await repo.save({ ...ticket, priority: 'P4' }, [event('field_changed')]);
        expect(stale.ok ? null : stale.error.code).toBe('TICKET_CONCURRENT_UPDATE');
        expect(await repo.findById(ticket.id)).toMatchObject({ priority: 'P1', version: 2 });
        expect(await repo.events(ticket.id)).toHaveLength(2);
        const missing = await repo.save({ ...ticket, id: 'gone' }, [event('field_changed')]);
        expect(missing.ok ? null : missing.error.code).toBe('TICKET_NOT_FOUND');
      });
    });

    describe('queries', () => {
      const seed = async () => {
        const base = Date.parse('2026-11-23T01:00:00.000Z');
        const specs: Array<Partial<NewTicket>> = [
          { status: 'new', channel: 'web', category: '打印机' },
          {
            status: 'dispatched',
            channel: 'wechat',
            category: '网络',
            assigneeId: 'eng-1',
            ownerId: 'desk-1',
          },
          {
            status: 'in_progress',
            channel: 'email',
            category: '网络',
            assigneeId: 'eng-1',
            ownerId: 'desk-1',
          },
          { status: 'resolved', channel: 'wechat', category: '电脑', assigneeId: 'eng-1', ownerId: 'desk-2' },
          { status: 'pending', channel: 'phone', category: '电脑', assigneeId: 'eng-2', ownerId: 'desk-2' },
          { status: 'closed', channel: 'alert', category: null, assigneeId: 'eng-2', ownerId: 'desk-1' },
        ];
        const created: Ticket[] = [];
        for (const [i, spec] of specs.entries()) {
          const createdAt = new Date(base + i * 60_000);
          created.push(
            await createOk({ ticket: { ...newTicket(), createdAt, updatedAt: createdAt, ...spec } }),
          );
        }
        return created;
      };

      it('lists newest first with filters, paging and the total', async () => {
        const t = await seed();
        const numbers = async (filter: Parameters<typeof repo.list>[0]) => {
          const page = await repo.list(filter);
          return { numbers: page.tickets.map((x) => x.number), total: page.total };
        };
        const n = (i: number) => t[i]?.number;
        expect(await numbers({ limit: 50, offset: 0 })).toEqual({
          numbers: [5, 4, 3, 2, 1, 0].map(n),
          total: 6,
        });
        expect(await numbers({ limit: 2, offset: 1 })).toEqual({ numbers: [n(4), n(3)], total: 6 });
        expect(await numbers({ status: ['dispatched', 'pending'], limit: 50, offset: 0 })).toEqual({
          numbers: [n(4), n(1)],
          total: 2,
        });
        expect(await numbers({ channel: ['wechat'], category: ['电脑'], limit: 50, offset: 0 })).toEqual({
          numbers: [n(3)],
          total: 1,
        });
        expect(await numbers({ assigneeId: 'eng-1', ownerId: 'desk-1', limit: 1, offset: 0 })).toEqual({
          numbers: [n(2)],
          total: 2,
        });
        expect(await numbers({ status: [], channel: [], limit: 50, offset: 0 })).toMatchObject({ total: 6 });
        expect(await numbers({ category: ['门禁系统'], limit: 50, offset: 0 })).toEqual({
          numbers: [],
          total: 0,
        });
      });

      it('counts open tickets per assignee and per owner', async () => {
        await seed();
        expect(await repo.openCountsByAssignee(['eng-1', 'eng-2', 'eng-9'])).toEqual(
          new Map([
            ['eng-1', 2],
            ['eng-2', 1],
          ]),
        );
        expect(await repo.openCountsByOwner(['desk-1', 'desk-2'])).toEqual(
          new Map([
            ['desk-1', 2],
            ['desk-2', 1],
          ]),
        );
        expect(await repo.openCountsByAssignee([])).toEqual(new Map());
      });

      it('moves the open counts with every change of status, assignee or owner, by any writer', async () => {
        const counts = async () => [
          Object.fromEntries(await repo.openCountsByAssignee(['eng-1', 'eng-2'])),
          Object.fromEntries(await repo.openCountsByOwner(['desk-1', 'desk-2'])),
        ];
        const spec = { status: 'dispatched' as const, assigneeId: 'eng-1', ownerId: 'desk-1' };
        const t = await createOk({ ticket: { ...newTicket(), ...spec } });
        await createOk({ ticket: { ...newTicket(), ...spec, status: 'closed' } });
        expect(await counts()).toEqual([{ 'eng-1': 1 }, { 'desk-1': 1 }]);
        const saved = async (ticket: Ticket) => {
          const result = await repo.save(ticket, []);
          if (!result.ok) throw new Error(result.error.message);
          return result.value;
        };
        const moved = await saved({ ...t, assigneeId: 'eng-2', ownerId: 'desk-2' });
        expect(await counts()).toEqual([{ 'eng-2': 1 }, { 'desk-2': 1 }]);
        const retitled = await saved({ ...moved, title: 'still open' });
        expect(await counts()).toEqual([{ 'eng-2': 1 }, { 'desk-2': 1 }]);
        const resolved = await saved({ ...retitled, status: 'resolved' });
        expect(await counts()).toEqual([{}, {}]);
        await saved({ ...resolved, status: 'in_progress', assigneeId: null });
        expect(await counts()).toEqual([{}, { 'desk-2': 1 }]);
        await database.db.execute(sql`update tickets set assignee_id = 'eng-1', owner_id = null`);
        expect(await counts()).toEqual([{ 'eng-1': 1 }, {}]);
        await database.db.execute(sql`insert into tickets select (jsonb_populate_record(null::tickets,
          to_jsonb(t) || '{"id": "copy", "number": "INC-COPY", "status": "new"}')).* from tickets t where id = ${t.id}`);
        expect(await counts()).toEqual([{ 'eng-1': 2 }, {}]);
      });
    });

    // Concurrent calls of one kind share statements; each caller must still get its own answer.
    describe('bursts of concurrent calls', () => {
      it('creates a burst: a failure and duplicates take no number, days and prefixes keep their own', async () => {
        const stored = await createOk({ externalId: 'stored' });
        const outcomes = await Promise.allSettled([
          ...Array.from({ length: 6 }, (_, i) => create({ externalId: `fresh-${i}` })),
          create({ externalId: 'broken', ticket: { ...newTicket(), rating: 9 } }),
          create({ externalId: 'stored' }),
          create({ externalId: 'fresh-0' }),
          create({ externalId: 'next-day', localDate: '2026-11-24', prefix: 'REQ' }),
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
        for (const t of fresh) expect(await repo.findById(t?.id ?? '')).toEqual(t);
        expect(await countTickets()).toBe(8);
        expect((await createOk()).number).toBe('INC-20261123-0008');
      });

      it('answers a burst of reads each with its own ticket, repeats and misses included', async () => {
        const a = await createOk();
        const b = await createOk();
        const found = await Promise.all([
          repo.findById(a.id),
          repo.findById('missing'),
          repo.findById(b.id),
          repo.findById(a.id),
          repo.findByNumber(b.number),
          repo.findByNumber('INC-20261123-9999'),
          repo.findByNumber(a.number),
        ]);
        expect(found).toEqual([a, null, b, a, b, null, a]);
        expect(found[0]).not.toBe(found[3]);
      });

      it('saves a burst: fresh, stale and missing tickets each get their own outcome', async () => {
        const [a, b, c] = [await createOk(), await createOk(), await createOk()];
        const results = await Promise.all([
          repo.save({ ...a, priority: 'P1' }, [event('field_changed')]),
          repo.save({ ...b, version: 7 }, [event('field_changed')]),
          repo.save({ ...c, status: 'accepted' }, [event('classified'), event('accepted')]),
          repo.save({ ...a, id: 'gone' }, [event('field_changed')]),
        ]);
        expect(results.map((r) => (r.ok ? r.value.version : r.error.code))).toEqual([
          2,
          'TICKET_CONCURRENT_UPDATE',
          2,
          'TICKET_NOT_FOUND',
        ]);
        expect(await repo.findById(a.id)).toEqual({ ...a, priority: 'P1', version: 2 });
        expect(await repo.findById(b.id)).toEqual(b);
        const types = async (id: string) => (await repo.events(id)).map((e) => e.type);
        expect(await types(a.id)).toEqual(['created', 'field_changed']);
        expect(await types(b.id)).toEqual(['created']);
        expect(await types(c.id)).toEqual(['created', 'classified', 'accepted']);
      });

      it('appends a burst of messages and events to several tickets', async () => {
        const [a, b] = [await createOk({ externalId: 'a' }), await createOk({ externalId: 'b' })];
        const added = { ...createdEvent(), type: 'message_added' as const, data: {} };
        const results = await Promise.all([
          repo.appendMessage(a.id, message('a-2'), added),
          repo.appendMessage(b.id, message('b-2'), added),
          repo.appendMessage(b.id, message('a'), added),
          repo.appendMessage(a.id, message('a-2'), added),
          repo.appendMessage(
            a.id,
            message('a-3', { attachments: [{ name: 'x', contentType: 't', size: 1 }] }),
            added,
          ),
          repo.appendEvents(b.id, [event('accepted'), event('dispatched')]),
        ]);
        expect(results.slice(0, 5)).toEqual([
          { added: true },
          { added: true },
          { added: false },
          { added: false },
          { added: true },
        ]);
        expect((await repo.messages(a.id)).map((m) => [m.externalId, m.attachments.length])).toEqual([
          ['a', 0],
          ['a-2', 0],
          ['a-3', 1],
        ]);
        expect((await repo.events(a.id)).map((e) => e.type)).toEqual([
          'created',
          'message_added',
          'message_added',
        ]);
        expect((await repo.events(b.id)).map((e) => e.type).sort()).toEqual(
          ['accepted', 'created', 'dispatched', 'message_added'].sort(),
        );
      });

      it('counts open tickets for overlapping lists asked at once', async () => {
        await createOk({
          ticket: { ...newTicket(), status: 'dispatched', assigneeId: 'eng-1', ownerId: 'desk-1' },
        });
        await createOk({
          ticket: { ...newTicket(), status: 'closed', assigneeId: 'eng-1', ownerId: 'desk-1' },
        });
        await createOk({ ticket: { ...newTicket(), status: 'new', assigneeId: 'eng-2', ownerId: 'desk-2' } });
        const counts = await Promise.all([
          repo.openCountsByAssignee(['eng-1']),
          repo.openCountsByAssignee(['eng-2', 'eng-3']),
          repo.openCountsByAssignee(['eng-1', 'eng-2']),
          repo.openCountsByOwner(['desk-2']),
          repo.openCountsByOwner(['desk-1', 'desk-9']),
          repo.openCountsByOwner(['desk-1', 'desk-2']),
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
          createOk({
            ticket: { ...newTicket(), assigneeId: pick(people, i), ownerId: pick(people, i + 1) },
          }),
        ),
      );
      await Promise.all(
        created.map((t, i) =>
          repo.save(
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
        ((await database.db.execute(query)) as unknown as { rows: unknown[] }).rows;
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
      const outcome = await create({ externalId: `m-\uDC00`, ticket: { ...newTicket(), title: broken } });
      if (!outcome.created) throw new Error('expected a new ticket');
      expect((await repo.findById(outcome.ticket.id))?.title).toBe(fixed);
      expect(await repo.findTicketIdByMessage('wechat', 'm-\uFFFD')).toBe(outcome.ticket.id);
      const reply = message('reply', { text: broken });
      const added = { ...createdEvent(), type: 'message_added' as const, data: { text: broken } };
      expect(await repo.appendMessage(outcome.ticket.id, reply, added)).toEqual({ added: true });
      expect((await repo.messages(outcome.ticket.id))[1]?.text).toBe(fixed);
      expect((await repo.events(outcome.ticket.id))[1]?.data).toEqual({ text: fixed });
      // Ids that differ only in their broken character are one id once stored. (The first two
      // calls keep the batcher busy, so the rest would travel together if allowed.)
      const results = await Promise.all(
        ['busy-1', 'busy-2', ...['\uD800', '\uDBFF', '\uDC00', '\uDFFF'].map((c) => `twin-${c}`)].map((id) =>
          repo.appendMessage(outcome.ticket.id, message(id), added),
        ),
      );
      expect(results.map((r) => r.added)).toEqual([true, true, true, false, false, false]);
      expect(await repo.events(outcome.ticket.id)).toHaveLength(5);
    });

    describe('batched statements', () => {
      const run = () => sqlRunnerFor(database.db);
      const input = (externalId: string, localDate = DAY): CreateTicketInput => ({
        ticket: newTicket(),
        localDate,
        prefix: 'INC',
        message: message(externalId),
        event: createdEvent(),
      });

      it('numbers a batch of creates in batch order per day, skipping stored messages', async () => {
        const stored = await createOk({ externalId: 'stored' });
        const outcomes = await createTickets(run(), [
          input('x-1'),
          input('stored'),
          input('y-1', '2026-11-24'),
          input('x-2'),
          input('x-3'),
        ]);
        expect(outcomes.map((o) => (o.created ? o.ticket.number : o.ticketId))).toEqual([
          'INC-20261123-0002',
          stored.id,
          'INC-20261124-0001',
          'INC-20261123-0003',
          'INC-20261123-0004',
        ]);
        const first = outcomes[0];
        if (!first?.created) throw new Error('expected a new ticket');
        expect(await repo.findById(first.ticket.id)).toEqual(first.ticket);
        expect((await repo.events(first.ticket.id))[0]?.data).toEqual({
          via: '微信',
          number: 'INC-20261123-0002',
        });
      });

      it('saves a batch with only the matching rows written', async () => {
        const [a, b] = [await createOk(), await createOk()];
        const results = await saveTickets(run(), [
          { ticket: { ...b, title: 'b2' }, events: [event('field_changed'), event('accepted')] },
          { ticket: { ...a, version: 5 }, events: [event('field_changed')] },
        ]);
        expect(results.map((r) => (r.ok ? r.value.title : r.error.code))).toEqual([
          'b2',
          'TICKET_CONCURRENT_UPDATE',
        ]);
        expect((await repo.events(b.id)).map((e) => e.type)).toEqual([
          'created',
          'field_changed',
          'accepted',
        ]);
        expect(await repo.events(a.id)).toHaveLength(1);
      });

      it('appends a batch of messages, flagging the ones already stored', async () => {
        const [a, b] = [await createOk({ externalId: 'a' }), await createOk({ externalId: 'b' })];
        const added = { ...createdEvent(), type: 'message_added' as const, data: {} };
        const flags = await appendMessages(run(), [
          { ticketId: b.id, message: message('a'), event: added },
          { ticketId: b.id, message: message('b-2'), event: added },
          { ticketId: a.id, message: message('a-2'), event: added },
        ]);
        expect(flags).toEqual([{ added: false }, { added: true }, { added: true }]);
        expect((await repo.events(a.id)).map((e) => e.type)).toEqual(['created', 'message_added']);
        expect((await repo.messages(b.id)).map((m) => m.externalId)).toEqual(['b', 'b-2']);
      });
    });

    describe('people', () => {
      it('syncs the roster: inserts, updates, deactivates, and reports how many', async () => {
        const roster = [person('alice'), person('bob'), person('carol')];
        expect(await people.syncRoster(roster)).toEqual({ inserted: 3, updated: 0, deactivated: 0 });
        expect(await people.list()).toEqual(roster);
        expect(await people.syncRoster(roster)).toEqual({ inserted: 0, updated: 0, deactivated: 0 });
        const bob: Person = { ...person('bob'), name: '鲍勃', skills: ['网络'], level: 3 };
        expect(await people.syncRoster([person('alice'), bob, person('dave')])).toEqual({
          inserted: 1,
          updated: 1,
          deactivated: 1,
        });
        expect(await people.findById('bob')).toEqual(bob);
        expect(await people.findById('carol')).toEqual({ ...person('carol'), active: false });
        expect(await people.findById('nobody')).toBeNull();
        expect(await people.syncRoster([person('alice'), bob, person('dave'), person('carol')])).toEqual({
          inserted: 0,
          updated: 1,
          deactivated: 0,
        });
        expect(await people.syncRoster([])).toEqual({ inserted: 0, updated: 0, deactivated: 4 });
      });

      it('matches a sender by email, phone digits, WeChat id or Telegram id, active people only', async () => {
        await people.syncRoster([
          person('alice', { email: 'Alice@Example.com', phone: '+86 138-0013-8000' }),
          person('bob', { phone: '13900139000', wechatId: 'wxid_bob' }),
          person('carol', { telegramId: '424242', email: 'carol@example.com' }),
        ]);
        const match = async (sender: Partial<Parameters<typeof people.matchSender>[0]>) =>
          (await people.matchSender({ name: 'someone', ...sender }))?.id ?? null;
        expect(await match({ email: 'alice@example.COM' })).toBe('alice');
        expect(await match({ phone: '86 13800138000' })).toBe('alice');
        expect(await match({ phone: '139 0013 9000' })).toBe('bob');
        expect(await match({ wechatId: 'wxid_bob' })).toBe('bob');
        expect(await match({ telegramId: '424242' })).toBe('carol');
        // Email outranks the other identifiers when they point at different people.
        expect(await match({ wechatId: 'wxid_bob', email: 'carol@example.com' })).toBe('carol');
        expect(await match({ phone: '---', wechatId: 'wxid_nobody' })).toBeNull();
        expect(await match({})).toBeNull();
        await people.syncRoster([
          person('alice', { email: 'Alice@Example.com', phone: '+86 138-0013-8000' }),
        ]);
        expect(await match({ wechatId: 'wxid_bob' })).toBeNull();
      });

      it('matches a burst of senders, each to its own roster entry', async () => {
        await people.syncRoster([
          person('alice', { email: 'alice@example.com', phone: '13800138000' }),
          person('bob', { wechatId: 'wxid_bob', telegramId: '77' }),
        ]);
        const senders: Array<Partial<Parameters<typeof people.matchSender>[0]>> = [
          { phone: '138 0013 8000' },
          { telegramId: '77' },
          { email: 'nobody@example.com' },
          { wechatId: 'wxid_bob', email: 'ALICE@example.com' },
          {},
          { telegramId: '77', phone: '13800138000' },
        ];
        const matched = await Promise.all(senders.map((s) => people.matchSender({ name: 'x', ...s })));
        expect(matched.map((p) => p?.id ?? null)).toEqual(['alice', 'bob', null, 'alice', null, 'alice']);
        expect(matched[0]).toEqual(person('alice', { email: 'alice@example.com', phone: '13800138000' }));
      });
    });

    it('treats a second migrate as a no-op', async () => {
      const ticket = await createOk();
      const migrations = async () => {
        const result = await database.db.execute(
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        );
        return (result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n;
      };
      const before = await migrations();
      expect(before).toBeGreaterThanOrEqual(2);
      await database.migrate();
      await database.ping();
      expect(await migrations()).toBe(before);
      expect(await repo.findById(ticket.id)).toEqual(ticket);
    });
  });
}

const DAY = '2026-11-23';
const AT = new Date('2026-11-23T01:02:03.456Z');

/** The message and the error PostgreSQL gave, whichever layer wrapped it. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return [error.message, error.cause instanceof Error ? error.cause.message : ''].join(' | ');
}

export function newTicket(): NewTicket {
  return {
    status: 'new',
    channel: 'wechat',
    type: 'fault',
    priority: 'P3',
    category: null,
    categoryConfidence: null,
    title: 'printer jam',
    description: 'printer jam',
    reporter: {
      personId: null,
      name: 'Reporter',
      department: null,
      phone: null,
      email: null,
      wechatId: null,
      telegramId: null,
      officeLocation: null,
    },
    location: null,
    deviceName: null,
    deviceDescription: null,
    conversationId: null,
    ownerId: null,
    assigneeId: null,
    dispatchCount: 0,
    reportedAt: AT,
    createdAt: AT,
    updatedAt: AT,
    acceptedAt: null,
    dispatchedAt: null,
    acknowledgedAt: null,
    arrivedAt: null,
    departedAt: null,
    resolvedAt: null,
    closedAt: null,
    resolution: {
      process: null,
      remote: null,
      parts: [],
      consumables: [],
      signedOffBy: null,
      signedOffAt: null,
    },
    rating: null,
    ratingComment: null,
    ratedAt: null,
  };
}

/** Every optional field set, with Chinese text, emoji and quotes, and sub-second instants. */
function fullTicket(): NewTicket {
  const t = (minutes: number) => new Date(AT.getTime() + minutes * 60_000 + 789);
  return {
    ...newTicket(),
    status: 'closed',
    type: 'request',
    priority: 'P2',
    category: '打印机',
    categoryConfidence: 0.8125,
    title: '三楼打印机卡纸 🖨️',
    description: '打印不出来，显示 "paper jam" 和 \'E-13\'\n第二行',
    reporter: {
      personId: 'u-42',
      name: '王小明',
      department: '财务部',
      phone: '+86 138 0000 0000',
      email: 'wang@example.com',
      wechatId: 'wxid_wang',
      telegramId: '123456789',
      officeLocation: 'A座 3楼 301',
    },
    location: 'A座-3F-301',
    deviceName: 'HP LaserJet M404',
    deviceDescription: '资产编号 IT-0042',
    conversationId: 'room-财务群@chatroom',
    ownerId: 'desk-1',
    assigneeId: 'eng-2',
    dispatchCount: 2,
    reportedAt: t(-1),
    acceptedAt: t(1),
    dispatchedAt: t(2),
    acknowledgedAt: t(5),
    arrivedAt: t(20),
    departedAt: t(45),
    resolvedAt: t(44),
    closedAt: t(90),
    updatedAt: t(90),
    resolution: {
      process: '取出卡纸，清洁搓纸轮',
      remote: false,
      parts: ['搓纸轮', 'fuser "v2"'],
      consumables: ['A4 纸 ×5'],
      signedOffBy: 'eng-2',
      signedOffAt: t(46),
    },
    rating: 5,
    ratingComment: '非常满意 👍',
    ratedAt: t(80),
  };
}

export function message(externalId: string, overrides: Partial<NewTicketMessage> = {}): NewTicketMessage {
  return {
    channel: 'wechat',
    externalId,
    direction: 'in',
    senderName: '王小明',
    senderPersonId: null,
    subject: null,
    text: '三楼打印机卡纸了',
    at: AT,
    attachments: [],
    ...overrides,
  };
}

export function createdEvent(): TicketEvent {
  return {
    type: 'created',
    at: AT,
    actor: { kind: 'reporter', id: null, name: '王小明' },
    channel: 'wechat',
    fromStatus: null,
    toStatus: 'new',
    data: { via: '微信' },
  };
}

function event(type: TicketEvent['type'], at = AT): TicketEvent {
  return {
    type,
    at,
    actor: { kind: 'system', id: 'dispatcher', name: 'dispatcher' },
    channel: 'system',
    fromStatus: null,
    toStatus: null,
    data: { reason: 'skill 打印机' },
  };
}

function person(id: string, overrides: Partial<Person> = {}): Person {
  return {
    id,
    name: id,
    role: 'engineer',
    level: 1,
    department: 'IT',
    officeLocation: null,
    phone: null,
    email: null,
    wechatId: null,
    wechatName: null,
    telegramId: null,
    skills: ['打印机', '电脑'],
    areas: ['A座', '*'],
    active: true,
    ...overrides,
  };
}
