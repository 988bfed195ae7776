import { describe, expect, it } from 'vitest';
import { appendMessages } from '../../../adapters/db/append-to-ticket.js';
import { createTickets } from '../../../adapters/db/create-ticket.js';
import { saveTickets } from '../../../adapters/db/save-ticket.js';
import { sqlRunnerFor } from '../../../adapters/db/sql-runner.js';
import type { CreateTicketInput } from '../../../core/ports/index.js';
import type { ContractContext } from './context.js';
import { createdEvent, DAY, event, message, newTicket } from './fixtures.js';

export function batchedStatementsCases(ctx: ContractContext): void {
  describe('batched statements', () => {
    const run = () => sqlRunnerFor(ctx.database.db);
    const input = (externalId: string, localDate = DAY): CreateTicketInput => ({
      ticket: newTicket(),
      localDate,
      prefix: 'INC',
      message: message(externalId),
      event: createdEvent(),
    });

    it('numbers a batch of creates in batch order per day, skipping stored messages', async () => {
      const stored = await ctx.createOk({ externalId: 'stored' });
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
      expect(await ctx.repo.findById(first.ticket.id)).toEqual(first.ticket);
      expect((await ctx.repo.events(first.ticket.id))[0]?.data).toEqual({
        via: '微信',
        number: 'INC-20261123-0002',
      });
    });

    it('saves a batch with only the matching rows written', async () => {
      const [a, b] = [await ctx.createOk(), await ctx.createOk()];
      const results = await saveTickets(run(), [
        { ticket: { ...b, title: 'b2' }, events: [event('field_changed'), event('accepted')] },
        { ticket: { ...a, version: 5 }, events: [event('field_changed')] },
      ]);
      expect(results.map((r) => (r.ok ? r.value.title : r.error.code))).toEqual([
        'b2',
        'TICKET_CONCURRENT_UPDATE',
      ]);
      expect((await ctx.repo.events(b.id)).map((e) => e.type)).toEqual([
        'created',
        'field_changed',
        'accepted',
      ]);
      expect(await ctx.repo.events(a.id)).toHaveLength(1);
    });

    it('appends a batch of messages, flagging the ones already stored', async () => {
      const [a, b] = [await ctx.createOk({ externalId: 'a' }), await ctx.createOk({ externalId: 'b' })];
      const added = { ...createdEvent(), type: 'message_added' as const, data: {} };
      const flags = await appendMessages(run(), [
        { ticketId: b.id, message: message('a'), event: added },
        { ticketId: b.id, message: message('b-2'), event: added },
        { ticketId: a.id, message: message('a-2'), event: added },
      ]);
      expect(flags).toEqual([{ added: false }, { added: true }, { added: true }]);
      expect((await ctx.repo.events(a.id)).map((e) => e.type)).toEqual(['created', 'message_added']);
      expect((await ctx.repo.messages(b.id)).map((m) => m.externalId)).toEqual(['b', 'b-2']);
    });
  });
}
