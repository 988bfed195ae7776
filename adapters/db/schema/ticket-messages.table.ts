import { bigserial, index, pgTable, text, unique } from 'drizzle-orm/pg-core';
import type { Channel } from '../../../core/inbound/index.js';
import { instant } from './columns.js';
import { tickets } from './tickets.table.js';

/** A ticket's conversation. (channel, external_id) is the intake idempotency key across all tickets. */
export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    channel: text('channel').$type<Channel>().notNull(),
    externalId: text('external_id').notNull(),
    direction: text('direction').$type<'in' | 'out'>().notNull(),
    senderName: text('sender_name').notNull(),
    senderPersonId: text('sender_person_id'),
    subject: text('subject'),
    text: text('text').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [
    unique('ticket_messages_channel_external_id_unique').on(t.channel, t.externalId),
    index('ticket_messages_ticket_id_idx').on(t.ticketId, t.at),
  ],
);

export type TicketMessageRow = typeof ticketMessages.$inferSelect;
