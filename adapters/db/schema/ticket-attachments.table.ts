import { bigint, bigserial, index, pgTable, text } from 'drizzle-orm/pg-core';
import { ticketMessages } from './ticket-messages.table.js';

/** What came with a message. The bytes live under DATA_DIR/attachments; a skipped one says why. */
export const ticketAttachments = pgTable(
  'ticket_attachments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => ticketMessages.id),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    storagePath: text('storage_path'),
    skippedReason: text('skipped_reason'),
  },
  (t) => [index('ticket_attachments_message_id_idx').on(t.messageId)],
);

export type TicketAttachmentRow = typeof ticketAttachments.$inferSelect;
