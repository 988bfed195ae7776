import type { InboundAttachment } from '../../core/inbound/index.js';
import type { TicketMessage } from '../../core/ports/index.js';
import type { TicketAttachmentRow, TicketMessageRow } from './schema/index.js';

function rowToAttachment(r: TicketAttachmentRow): InboundAttachment {
  // The inbound shape marks absent values as missing keys, not nulls.
  const a: InboundAttachment = { name: r.name, contentType: r.contentType, size: r.size };
  if (r.storagePath !== null) a.storagePath = r.storagePath;
  if (r.skippedReason !== null) a.skippedReason = r.skippedReason;
  return a;
}

export function rowToMessage(r: TicketMessageRow, attachments: TicketAttachmentRow[]): TicketMessage {
  return {
    id: r.id,
    ticketId: r.ticketId,
    channel: r.channel,
    externalId: r.externalId,
    direction: r.direction,
    senderName: r.senderName,
    senderPersonId: r.senderPersonId,
    subject: r.subject,
    text: r.text,
    at: r.at,
    attachments: attachments.map(rowToAttachment),
  };
}
