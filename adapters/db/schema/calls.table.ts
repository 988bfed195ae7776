import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

/** One phone call as the desk counts it (core/phone CallRecord); the KPI reads it with plain SQL. */
export const calls = pgTable(
  'calls',
  {
    id: text('id')
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    sourceId: text('source_id').notNull().unique('calls_source_id_unique'),
    startedAt: instant('started_at').notNull(),
    answeredAt: instant('answered_at'),
    endedAt: instant('ended_at').notNull(),
    caller: text('caller').notNull(),
    callee: text('callee').notNull(),
    disposition: text('disposition').notNull(),
    durationS: integer('duration_s').notNull(),
    billsecS: integer('billsec_s').notNull(),
    isDeskCall: boolean('is_desk_call').notNull(),
    ticketId: text('ticket_id'),
    /** The desk engineer asked to ring a missed caller back. */
    callbackPersonId: text('callback_person_id'),
    importedAt: instant('imported_at').notNull().defaultNow(),
  },
  (t) => [
    index('calls_desk_started_idx')
      .on(t.startedAt)
      .where(sql`${t.isDeskCall}`),
    index('calls_caller_started_idx').on(t.caller, t.startedAt),
  ],
);

export type CallRow = typeof calls.$inferSelect;
