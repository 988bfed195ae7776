import { bigserial, index, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';
import { tickets } from './tickets.table.js';

/**
 * One row per missed SLA target and cycle, for the KPIs (the same breach is also a `sla_breached`
 * ticket event). `target`: response | arrival | resolution; `cycle`: the dispatch count for
 * response and arrival (each engineer gets a fresh window), 0 for resolution; `calendar`: the
 * calendar name the clock ran on; `escalated_to`: the engineer the ticket went to, or null;
 * `vendor`: the vendor contact told, or null.
 */
export const slaBreaches = pgTable(
  'sla_breaches',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    target: text('target').notNull(),
    cycle: integer('cycle').notNull(),
    priority: text('priority').notNull(),
    category: text('category'),
    calendar: text('calendar').notNull(),
    startedAt: instant('started_at').notNull(),
    dueAt: instant('due_at').notNull(),
    breachedAt: instant('breached_at').notNull(),
    assigneeId: text('assignee_id'),
    ownerId: text('owner_id'),
    escalatedTo: text('escalated_to'),
    vendor: text('vendor'),
  },
  (t) => [
    unique('sla_breaches_ticket_target_cycle_unique').on(t.ticketId, t.target, t.cycle),
    index('sla_breaches_breached_at_idx').on(t.breachedAt),
  ],
);

export type SlaBreachRow = typeof slaBreaches.$inferSelect;
