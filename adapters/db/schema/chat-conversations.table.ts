import { sql } from 'drizzle-orm';
import { bigserial, check, index, jsonb, pgTable, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Channel } from '../../../core/inbound/index.js';
import type { ChatMessageKind, InboundAttachment, InboundSender } from '../../../core/inbound/index.js';
import type { DetailName, DraftStatus } from '../../../core/intake/index.js';
import { instant } from './columns.js';
import { tickets } from './tickets.table.js';

/** A reporter's burst being collected; at most one open per (channel, conversation, sender). */
export const chatDrafts = pgTable(
  'chat_drafts',
  {
    id: text('id').primaryKey(),
    channel: text('channel').$type<Channel>().notNull(),
    conversationKey: text('conversation_key').notNull(),
    conversationId: text('conversation_id'),
    conversationTitle: text('conversation_title'),
    senderKey: text('sender_key').notNull(),
    sender: jsonb('sender').$type<InboundSender>().notNull(),
    status: text('status').$type<DraftStatus>().notNull(),
    reason: text('reason').notNull(),
    openedAt: instant('opened_at').notNull(),
    lastAt: instant('last_at').notNull(),
    closesAt: instant('closes_at').notNull(),
    ticketId: text('ticket_id'),
    ticketNumber: text('ticket_number'),
  },
  (t) => [
    uniqueIndex('chat_drafts_one_open_per_sender')
      .on(t.channel, t.conversationKey, t.senderKey)
      .where(sql`${t.status} = 'open'`),
    check('chat_drafts_status_check', sql`${t.status} in ('open', 'closing', 'ticketed', 'dropped')`),
  ],
);

export const chatDraftLines = pgTable(
  'chat_draft_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: text('draft_id')
      .notNull()
      .references(() => chatDrafts.id),
    channel: text('channel').$type<Channel>().notNull(),
    externalId: text('external_id').notNull(),
    text: text('text').notNull(),
    kind: text('kind').$type<ChatMessageKind>().notNull(),
    attachments: jsonb('attachments').$type<InboundAttachment[]>().notNull().default([]),
    at: instant('at').notNull(),
  },
  (t) => [
    unique('chat_draft_lines_channel_external_id_unique').on(t.channel, t.externalId),
    index('chat_draft_lines_draft_idx').on(t.draftId, t.at),
  ],
);

/** The one question the bot asks per ticket; `asked` until the reporter's next line answers it. */
export const chatQuestions = pgTable(
  'chat_questions',
  {
    ticketId: text('ticket_id')
      .primaryKey()
      .references(() => tickets.id),
    ticketNumber: text('ticket_number').notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    conversationKey: text('conversation_key').notNull(),
    senderKey: text('sender_key').notNull(),
    missing: jsonb('missing').$type<DetailName[]>().notNull(),
    status: text('status').$type<'asked' | 'answered'>().notNull(),
    askedAt: instant('asked_at').notNull(),
    answeredAt: instant('answered_at'),
  },
  (t) => [
    index('chat_questions_pending_idx')
      .on(t.channel, t.conversationKey, t.senderKey, t.askedAt)
      .where(sql`${t.status} = 'asked'`),
    check('chat_questions_status_check', sql`${t.status} in ('asked', 'answered')`),
  ],
);

export type ChatDraftRow = typeof chatDrafts.$inferSelect;
export type ChatDraftLineRow = typeof chatDraftLines.$inferSelect;
