import { bigserial, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { Channel } from '../../../core/inbound/index.js';
import type { ActorKind, TicketEventType, TicketStatus } from '../../../core/tickets/index.js';
import { instant } from './columns.js';
import { tickets } from './tickets.table.js';

/**
 * The audit trail. Append-only: a trigger (custom migration) rejects UPDATE, DELETE and TRUNCATE.
 * The bigserial id gives the order events were written in, which `at` alone cannot (equal clocks).
 */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    type: text('type').$type<TicketEventType>().notNull(),
    at: instant('at').notNull(),
    actorKind: text('actor_kind').$type<ActorKind>().notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    channel: text('channel').$type<Channel | 'system'>().notNull(),
    fromStatus: text('from_status').$type<TicketStatus>(),
    toStatus: text('to_status').$type<TicketStatus>(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('ticket_events_ticket_id_idx').on(t.ticketId, t.id)],
);

export type TicketEventRow = typeof ticketEvents.$inferSelect;
