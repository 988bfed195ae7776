import { bigserial, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { TriageModel } from '../../../core/classify/triage-model.js';
import { instant } from './columns.js';

/** Every trained classifier, newest = highest version; workers load the newest (migration 0006). */
export const triageModels = pgTable('triage_models', {
  version: bigserial('version', { mode: 'number' }).primaryKey(),
  createdAt: instant('created_at').notNull(),
  algorithm: text('algorithm').notNull(),
  examples: integer('examples').notNull(),
  corrections: integer('corrections').notNull(),
  metrics: jsonb('metrics').$type<Record<string, number>>().notNull().default({}),
  model: jsonb('model').$type<TriageModel>().notNull(),
});

/** A desk correction of a ticket's category: a labelled example the next training run folds in. */
export const triageCorrections = pgTable(
  'triage_corrections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // No foreign key: a training example outlives its ticket, and test harnesses truncate tickets.
    ticketId: text('ticket_id'),
    text: text('text').notNull(),
    label: text('label').notNull(),
    previous: text('previous'),
    actor: text('actor').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [index('triage_corrections_ticket_id_idx').on(t.ticketId)],
);
