import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context.js';
import { createdEvent, errorText, event, message } from './fixtures.js';

export function messagesAndEventsCases(ctx: ContractContext): void {
  describe('messages and events', () => {
    it('appends a message once, however often it is delivered', async () => {
      const ticket = await ctx.createOk({ externalId: 'first' });
      const other = await ctx.createOk({ externalId: 'other' });
      const reply = message('reply', { direction: 'out', text: '已派单 ✅', senderPersonId: 'desk-1' });
      const event = { ...createdEvent(), type: 'message_added' as const, data: {} };
      expect(await ctx.repo.appendMessage(ticket.id, reply, event)).toEqual({ added: true });
      expect(await ctx.repo.appendMessage(ticket.id, reply, event)).toEqual({ added: false });
      expect(await ctx.repo.appendMessage(ticket.id, message('other'), event)).toEqual({ added: false });
      const messages = await ctx.repo.messages(ticket.id);
      expect(messages.map((m) => m.externalId)).toEqual(['first', 'reply']);
      expect(messages[1]).toMatchObject({ direction: 'out', text: '已派单 ✅', senderPersonId: 'desk-1' });
      expect((await ctx.repo.events(ticket.id)).map((e) => e.type)).toEqual(['created', 'message_added']);
      expect(await ctx.repo.messages(other.id)).toHaveLength(1);
    });

    it('stores an appended message with its attachments, and only its first delivery', async () => {
      const ticket = await ctx.createOk({ externalId: 'first' });
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
      expect(await ctx.repo.appendMessage(ticket.id, reply, event)).toEqual({ added: true });
      const again = { ...reply, attachments: [photo] };
      expect(await ctx.repo.appendMessage(ticket.id, again, event)).toEqual({ added: false });
      const messages = await ctx.repo.messages(ticket.id);
      expect(messages[1]).toEqual({ ...reply, id: messages[1]?.id, ticketId: ticket.id });
      const events = await ctx.repo.events(ticket.id);
      expect(events.map((e) => [e.type, e.data])).toEqual([
        ['created', { via: '微信', number: ticket.number }],
        ['message_added', { n: 1 }],
      ]);
    });

    it('returns events in the order they were written', async () => {
      const ticket = await ctx.createOk();
      const at = new Date(ticket.createdAt.getTime() + 1000);
      // Same instant on purpose: the order must come from the log, not the clock.
      await ctx.repo.appendEvents(ticket.id, [event('accepted', at), event('dispatched', at)]);
      await ctx.repo.appendEvents(ticket.id, [event('acknowledged', at)]);
      await ctx.repo.appendEvents(ticket.id, []);
      const events = await ctx.repo.events(ticket.id);
      expect(events.map((e) => e.type)).toEqual(['created', 'accepted', 'dispatched', 'acknowledged']);
      expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
      expect(events[2]).toMatchObject({ ticketId: ticket.id, at, data: { reason: 'skill 打印机' } });
    });

    it('refuses to change or remove history in ticket_events', async () => {
      const ticket = await ctx.createOk();
      const attempts = [
        sql`update ticket_events set type = 'closed' where ticket_id = ${ticket.id}`,
        sql`delete from ticket_events where ticket_id = ${ticket.id}`,
        sql`truncate ticket_events`,
      ];
      for (const statement of attempts) {
        const error = await ctx.database.db.execute(statement).then(
          () => null,
          (e: unknown) => e,
        );
        expect(errorText(error)).toMatch(
          /ticket_events is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/,
        );
      }
      expect(await ctx.repo.events(ticket.id)).toHaveLength(1);
    });
  });
}
