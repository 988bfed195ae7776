import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../core/tickets/index.js';
import type { ContractContext } from './context.js';
import { createdEvent, DAY, fullTicket, message, newTicket } from './fixtures.js';

export function createCases(ctx: ContractContext): void {
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
      const outcome = await ctx.repo.create({
        ticket: full,
        localDate: DAY,
        prefix: 'INC',
        message: msg,
        event: createdEvent(),
      });
      if (!outcome.created) throw new Error('expected a new ticket');
      const expected: Ticket = { ...full, id: outcome.ticket.id, number: 'INC-20261123-0001', version: 1 };
      expect(outcome.ticket).toEqual(expected);
      expect(await ctx.repo.findById(outcome.ticket.id)).toEqual(expected);
      expect(await ctx.repo.findByNumber('INC-20261123-0001')).toEqual(expected);
      expect(await ctx.repo.findTicketIdByMessage('wechat', 'wx-1')).toBe(outcome.ticket.id);
      const messages = await ctx.repo.messages(outcome.ticket.id);
      expect(messages).toEqual([{ ...msg, id: messages[0]?.id, ticketId: outcome.ticket.id }]);
      const events = await ctx.repo.events(outcome.ticket.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        ...createdEvent(),
        data: { via: '微信', number: expected.number },
      });
    });

    it('keeps nulls and empty arrays as they are', async () => {
      const ticket = await ctx.createOk();
      expect(await ctx.repo.findById(ticket.id)).toEqual({
        ...newTicket(),
        id: ticket.id,
        number: ticket.number,
        version: 1,
      });
      expect(await ctx.repo.findById('no-such-id')).toBeNull();
      expect(await ctx.repo.findByNumber('INC-20261123-9999')).toBeNull();
      expect(await ctx.repo.findTicketIdByMessage('email', 'unknown')).toBeNull();
    });

    it('numbers tickets per local day, restarting at 0001 on a new day', async () => {
      const a = await ctx.createOk();
      const b = await ctx.createOk();
      const c = await ctx.createOk({ localDate: '2026-11-24' });
      const d = await ctx.createOk({ localDate: '2026-11-24', prefix: 'REQ' });
      expect([a.number, b.number, c.number, d.number]).toEqual([
        'INC-20261123-0001',
        'INC-20261123-0002',
        'INC-20261124-0001',
        'REQ-20261124-0002',
      ]);
    });

    it('keeps counting past 9999 in the same format as core', async () => {
      await ctx.database.db.execute(sql`insert into ticket_counters (day, last) values (${DAY}, 9998)`);
      expect((await ctx.createOk()).number).toBe('INC-20261123-9999');
      expect((await ctx.createOk()).number).toBe('INC-20261123-10000');
    });

    it('writes nothing when any part of a create fails', async () => {
      const bad = ctx.create({ externalId: 'bad', ticket: { ...newTicket(), rating: 9 } });
      await expect(bad).rejects.toThrow();
      expect(await ctx.repo.findTicketIdByMessage('wechat', 'bad')).toBeNull();
      expect(await ctx.countTickets()).toBe(0);
      expect((await ctx.createOk({ externalId: 'bad' })).number).toBe('INC-20261123-0001');
    });

    it('does not create a second ticket, or burn a number, for a message it already stored', async () => {
      const first = await ctx.createOk({ externalId: 'dup' });
      const again = await ctx.create({ externalId: 'dup' });
      expect(again).toEqual({ created: false, ticketId: first.id });
      expect(await ctx.countTickets()).toBe(1);
      expect(await ctx.repo.events(first.id)).toHaveLength(1);
      expect(await ctx.repo.messages(first.id)).toHaveLength(1);
      expect((await ctx.createOk()).number).toBe('INC-20261123-0002');
    });

    it('gives 20 concurrent creates 20 distinct consecutive numbers', async () => {
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) => ctx.createOk({ externalId: `c-${i}` })),
      );
      const numbers = created.map((t) => t.number).sort();
      expect(numbers).toEqual(
        Array.from({ length: 20 }, (_, i) => `INC-20261123-${String(i + 1).padStart(4, '0')}`),
      );
    });

    it('makes exactly one ticket out of 10 concurrent creates of the same message', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () => ctx.create({ externalId: 'same' })),
      );
      const winners = outcomes.filter((o) => o.created);
      expect(winners).toHaveLength(1);
      const id = winners[0]?.created ? winners[0].ticket.id : '';
      for (const o of outcomes) if (!o.created) expect(o.ticketId).toBe(id);
      expect(await ctx.countTickets()).toBe(1);
      expect((await ctx.createOk()).number).toBe('INC-20261123-0002');
    });
  });
}
