import { date, integer, pgTable } from 'drizzle-orm/pg-core';

/** The last ticket sequence handed out per local day (INC-YYYYMMDD-NNNN). */
export const ticketCounters = pgTable('ticket_counters', {
  day: date('day', { mode: 'string' }).primaryKey(),
  last: integer('last').notNull(),
});
