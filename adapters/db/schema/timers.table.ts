import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { TimerState } from '../../../core/ports/timer-scheduler.port.js';
import { instant } from './columns.js';

/**
 * Durable timers (SLA reminders and breaches, follow-ups): the deadline lives here, the delayed
 * BullMQ job only rings the bell. No foreign key: a timer's subject is usually a ticket, but
 * features may time other things (a shift's end) under their own subject ids.
 */
export const timers = pgTable(
  'timers',
  {
    ticketId: text('ticket_id').notNull(),
    kind: text('kind').notNull(),
    n: integer('n').notNull(),
    dueAt: instant('due_at').notNull(),
    state: text('state').$type<TimerState>().notNull().default('pending'),
    version: integer('version').notNull().default(1),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    firedAt: instant('fired_at'),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.kind, t.n] }),
    index('timers_active_due_idx')
      .on(t.dueAt)
      .where(sql`${t.state} in ('pending', 'firing')`),
    check('timers_state_check', sql`${t.state} in ('pending', 'firing', 'fired', 'cancelled')`),
  ],
);

export type TimerRow = typeof timers.$inferSelect;
