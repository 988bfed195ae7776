import type { InboundAttachment } from '../../core/inbound/index.js';
import type { NewTicketMessage, TicketMessage } from '../../core/ports/index.js';
import type { TicketAttachmentRow, TicketMessageRow } from './schema/index.js';

export function messageToColumns(ticketId: string, m: NewTicketMessage) {
  return {
    ticketId,
    channel: m.channel,
    externalId: m.externalId,
    direction: m.direction,
    senderName: m.senderName,
    senderPersonId: m.senderPersonId,
    subject: m.subject,
    text: m.text,
    at: m.at,
  };
}

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
