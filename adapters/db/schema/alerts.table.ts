import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

/**
 * One row per alert identity (Alertmanager fingerprint, Zabbix trigger) holding its current
 * incident: the message that opened the incident's ticket is how a repeat or a recovery finds it.
 */
export const alerts = pgTable(
  'alerts',
  {
    source: text('source').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: text('status').$type<'firing' | 'resolved'>().notNull(),
    openingExternalId: text('opening_external_id').notNull(),
    ticketId: text('ticket_id'),
    title: text('title').notNull(),
    firstFiredAt: instant('first_fired_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    resolvedAt: instant('resolved_at'),
    fireCount: integer('fire_count').notNull().default(1),
    lastPayload: jsonb('last_payload').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.fingerprint] }),
    check('alerts_status_check', sql`${t.status} in ('firing', 'resolved')`),
  ],
);

export type AlertRow = typeof alerts.$inferSelect;
