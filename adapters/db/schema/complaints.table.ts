import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, smallint, text, unique } from 'drizzle-orm/pg-core';
import type { ComplaintStatus } from '../../../core/complaints/complaint-status.js';
import type { Complainant } from '../../../core/complaints/complaint.entity.js';
import type { Channel } from '../../../core/inbound/index.js';
import { instant } from './columns.js';
import { tickets } from './tickets.table.js';

/** A step as stored in `steps`: the record with its instant as ISO text. */
export interface StoredComplaintStep {
  step: string;
  at: string;
  actor: { kind: 'person' | 'complainant' | 'system'; id: string | null; name: string };
  note: string | null;
}

/** 投诉: status and the facts assessment filters on are columns; the step history is one document. */
export const complaints = pgTable(
  'complaints',
  {
    id: text('id').primaryKey(),
    sourceKey: text('source_key').notNull(),
    version: integer('version').notNull().default(1),
    status: text('status').$type<ComplaintStatus>().notNull(),
    ticketId: text('ticket_id').references(() => tickets.id),
    ticketNumber: text('ticket_number'),
    channel: text('channel').$type<Channel>().notNull(),
    complainant: jsonb('complainant').$type<Complainant>().notNull(),
    text: text('text').notNull(),
    engineerId: text('engineer_id'),
    upheld: boolean('upheld'),
    decision: text('decision'),
    rating: smallint('rating'),
    steps: jsonb('steps').$type<StoredComplaintStep[]>().notNull().default([]),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    unique('complaints_source_key_unique').on(t.sourceKey),
    index('complaints_status_idx').on(t.status),
    index('complaints_engineer_created_idx').on(t.engineerId, t.createdAt),
    index('complaints_ticket_id_idx').on(t.ticketId),
    check(
      'complaints_status_check',
      sql`${t.status} in ('submitted', 'verified', 'reported', 'decided', 'fed_back', 'rated', 'closed')`,
    ),
    check('complaints_rating_check', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
);

export type ComplaintRow = typeof complaints.$inferSelect;
