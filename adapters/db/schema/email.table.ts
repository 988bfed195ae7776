import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgTable, text, unique } from 'drizzle-orm/pg-core';
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

/**
 * Senders of mail who are not on the roster (desk.yaml): customers, partners, suppliers, staff
 * not listed. Remembered on their first mail so their next report is filled from what the desk
 * knows about them; operators complete them with `deskbot contacts set`.
 */
export const emailContacts = pgTable(
  'email_contacts',
  {
    /** Lower-cased address. */
    address: text('address').primaryKey(),
    /** The display name of their latest mail (or what an operator set). */
    name: text('name').notNull(),
    phone: text('phone'),
    department: text('department'),
    officeLocation: text('office_location'),
    /** Language of the mail we send them; null = the desk's default (Chinese). */
    language: text('language').$type<'zh' | 'en'>(),
    /** Operator's notes (company, contract, VIP…). */
    note: text('note'),
    /** An operator set the name: later mails' display names do not replace it. */
    nameFromOperator: boolean('name_from_operator').notNull().default(false),
    mails: bigint('mails', { mode: 'number' }).notNull().default(0),
    firstSeenAt: instant('first_seen_at').notNull().defaultNow(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
  },
  (t) => [
    index('email_contacts_last_seen_idx').on(t.lastSeenAt),
    check('email_contacts_language_check', sql`${t.language} is null or ${t.language} in ('zh', 'en')`),
  ],
);

export type EmailContactRow = typeof emailContacts.$inferSelect;
export type EmailMailboxRow = typeof emailMailboxes.$inferSelect;
export type EmailSentMessageRow = typeof emailSentMessages.$inferSelect;
