import { index, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import type { TicketStatus } from '../../../core/tickets/index.js';
import { instant } from './columns.js';

export interface StoredHandoverItem {
  ticketId: string;
  ticketNumber: string;
  status: TicketStatus;
  latestProgress: string;
  latestAt: string | null;
}

/** 交接班记录: the fields of the handover mail, kept for the record and for retried commands. */
export const handovers = pgTable(
  'handovers',
  {
    id: text('id').primaryKey(),
    sourceKey: text('source_key').notNull(),
    fromId: text('from_id').notNull(),
    fromName: text('from_name').notNull(),
    toId: text('to_id').notNull(),
    toName: text('to_name').notNull(),
    shift: text('shift').notNull(),
    notes: text('notes'),
    ticketIds: jsonb('ticket_ids').$type<string[]>().notNull().default([]),
    items: jsonb('items').$type<StoredHandoverItem[]>().notNull().default([]),
    at: instant('at').notNull(),
  },
  (t) => [
    unique('handovers_source_key_unique').on(t.sourceKey),
    index('handovers_from_at_idx').on(t.fromId, t.at),
    index('handovers_to_at_idx').on(t.toId, t.at),
  ],
);

export type HandoverRow = typeof handovers.$inferSelect;
