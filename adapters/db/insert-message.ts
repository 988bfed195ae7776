import type { NewTicketMessage } from '../../core/ports/index.js';
import type { Executor } from './database.js';
import { ticketAttachments, ticketMessages } from './schema/index.js';
import { attachmentToColumns, messageToColumns } from './ticket-message.mapper.js';

/**
 * Inserts a message and its attachments unless its (channel, external id) is already stored:
 * the intake idempotency gate. Returns the new message id, or null for a redelivery.
 */
export async function insertMessage(
  ex: Executor,
  ticketId: string,
  message: NewTicketMessage,
): Promise<number | null> {
  const [inserted] = await ex
    .insert(ticketMessages)
    .values(messageToColumns(ticketId, message))
    .onConflictDoNothing({ target: [ticketMessages.channel, ticketMessages.externalId] })
    .returning({ id: ticketMessages.id });
  if (!inserted) return null;
  if (message.attachments.length > 0) {
    await ex
      .insert(ticketAttachments)
      .values(message.attachments.map((a) => attachmentToColumns(inserted.id, a)));
  }
  return inserted.id;
}
