import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { TicketStatus } from '../../../core/tickets/index.js';

/**
 * How many tickets each person holds, per role and status. Kept by statement triggers on
 * `tickets` (custom migration), whoever writes there, so a workload question reads a few rows
 * instead of counting every open ticket: that count grew with the backlog and was the costliest
 * query per ticket. Rows at zero stay; readers sum the statuses they call open.
 */
export const ticketPersonCounts = pgTable(
  'ticket_person_counts',
  {
    role: text('role').$type<'assignee' | 'owner'>().notNull(),
    personId: text('person_id').notNull(),
    status: text('status').$type<TicketStatus>().notNull(),
    tickets: integer('tickets').notNull(),
  },
  (t) => [primaryKey({ columns: [t.role, t.personId, t.status] })],
);
