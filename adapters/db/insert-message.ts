import type { NewTicketMessage } from '../../core/ports/index.js';
import { bindColumns } from './sql-columns.js';
import { ticketMessages } from './schema/index.js';
import { messageToColumns } from './ticket-message.mapper.js';

const message = bindColumns(ticketMessages, [
  'ticketId',
  'channel',
  'externalId',
  'direction',
  'senderName',
  'senderPersonId',
  'subject',
  'text',
  'at',
]);

/** How many parameters insertMessageCtes takes: the message columns, then its attachments as JSON. */
export const MESSAGE_PARAM_COUNT = message.size + 1;

/**
 * Two CTEs, `message` and `attachments`, that insert a message and its attachments unless its
 * (channel, external id) is already stored: the intake idempotency gate. `message` holds the new
 * row's id, or no row for a redelivery, so later CTEs can depend on it. A redelivery racing the
 * original waits at the unique index for it to commit, then inserts nothing.
 */
export function insertMessageCtes(first: number): string {
  return `message as (
    insert into ticket_messages (${message.names})
    values (${message.values(first)})
    on conflict (channel, external_id) do nothing
    returning id
  ), attachments as (
    insert into ticket_attachments (message_id, name, content_type, size, storage_path, skipped_reason)
    select message.id, a.name, a.content_type, a.size, a.storage_path, a.skipped_reason
    from message cross join rows from (jsonb_to_recordset($${first + message.size}::jsonb) as (
      name text, content_type text, size bigint, storage_path text, skipped_reason text)) with ordinality as a
    order by a.ordinality
  )`;
}

/** The parameters of insertMessageCtes, in order. */
export function messageParams(ticketId: string, m: NewTicketMessage): unknown[] {
  const attachments = m.attachments.map((a) => ({
    name: a.name,
    content_type: a.contentType,
    size: a.size,
    storage_path: a.storagePath ?? null,
    skipped_reason: a.skippedReason ?? null,
  }));
  return [...message.params(messageToColumns(ticketId, m)), JSON.stringify(attachments)];
}
