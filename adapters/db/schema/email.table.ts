import { bigint, boolean, index, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

/** Where each watched mailbox stands: read past lastUid only while uidValidity is unchanged. */
export const emailMailboxes = pgTable('email_mailboxes', {
  /** `user@host/folder`. */
  key: text('key').primaryKey(),
  uidValidity: bigint('uid_validity', { mode: 'number' }),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
  connected: boolean('connected').notNull().default(false),
  lastFetchAt: instant('last_fetch_at'),
  lastError: text('last_error'),
  lastErrorAt: instant('last_error_at'),
  /** Mails handed to intake / dropped by the noise filters, since the mailbox was first seen. */
  processed: bigint('processed', { mode: 'number' }).notNull().default(0),
  filtered: bigint('filtered', { mode: 'number' }).notNull().default(0),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** Every mail deskbot sent: threads replies, rate-limits acknowledgements. */
export const emailSentMessages = pgTable(
  'email_sent_messages',
  {
    messageId: text('message_id').primaryKey(),
    notificationId: text('notification_id').notNull(),
    ticketId: text('ticket_id'),
    purpose: text('purpose').notNull(),
    recipient: text('recipient').notNull(),
    sentAt: instant('sent_at').notNull().defaultNow(),
  },
  (t) => [
    unique('email_sent_messages_notification_id_unique').on(t.notificationId),
    index('email_sent_messages_recipient_idx').on(t.recipient, t.purpose, t.sentAt),
    index('email_sent_messages_ticket_idx').on(t.ticketId, t.recipient),
  ],
);

export type EmailMailboxRow = typeof emailMailboxes.$inferSelect;
export type EmailSentMessageRow = typeof emailSentMessages.$inferSelect;
