import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import type { ModuleType } from '../../../core/desk/index.js';
import type { Channel } from '../../../core/inbound/index.js';
import type { Priority, TicketStatus, TicketType } from '../../../core/tickets/index.js';
import { instant } from './columns.js';

/**
 * One row per 工单, flattened: the reporter block and the on-site record are column groups, so the
 * reports and the auditor's field checks can filter on them without unpacking documents.
 * No foreign keys to `people`: the reporter block is a snapshot taken at report time.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    version: integer('version').notNull().default(1),
    status: text('status').$type<TicketStatus>().notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    type: text('type').$type<TicketType>().notNull(),
    priority: text('priority').$type<Priority>().notNull(),
    category: text('category').$type<ModuleType>(),
    categoryConfidence: doublePrecision('category_confidence'),
    title: text('title').notNull(),
    description: text('description').notNull(),

    reporterPersonId: text('reporter_person_id'),
    reporterName: text('reporter_name').notNull(),
    reporterDepartment: text('reporter_department'),
    reporterPhone: text('reporter_phone'),
    reporterEmail: text('reporter_email'),
    reporterWechatId: text('reporter_wechat_id'),
    reporterTelegramId: text('reporter_telegram_id'),
    reporterOfficeLocation: text('reporter_office_location'),

    location: text('location'),
    deviceName: text('device_name'),
    deviceDescription: text('device_description'),
    conversationId: text('conversation_id'),
    ownerId: text('owner_id'),
    assigneeId: text('assignee_id'),
    dispatchCount: integer('dispatch_count').notNull().default(0),

    reportedAt: instant('reported_at').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    acceptedAt: instant('accepted_at'),
    dispatchedAt: instant('dispatched_at'),
    acknowledgedAt: instant('acknowledged_at'),
    arrivedAt: instant('arrived_at'),
    departedAt: instant('departed_at'),
    resolvedAt: instant('resolved_at'),
    closedAt: instant('closed_at'),

    resolutionProcess: text('resolution_process'),
    resolutionRemote: boolean('resolution_remote'),
    resolutionParts: jsonb('resolution_parts').$type<string[]>().notNull().default([]),
    resolutionConsumables: jsonb('resolution_consumables').$type<string[]>().notNull().default([]),
    resolutionSignedOffBy: text('resolution_signed_off_by'),
    resolutionSignedOffAt: instant('resolution_signed_off_at'),

    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: instant('rated_at'),
  },
  (t) => [
    unique('tickets_number_unique').on(t.number),
    index('tickets_status_idx').on(t.status),
    index('tickets_assignee_status_idx').on(t.assigneeId, t.status),
    index('tickets_owner_status_idx').on(t.ownerId, t.status),
    index('tickets_channel_idx').on(t.channel),
    index('tickets_category_idx').on(t.category),
    index('tickets_created_at_idx').on(t.createdAt),
    check('tickets_version_check', sql`${t.version} >= 1`),
    check('tickets_rating_check', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
);

export type TicketRow = typeof tickets.$inferSelect;
export type TicketInsert = typeof tickets.$inferInsert;
