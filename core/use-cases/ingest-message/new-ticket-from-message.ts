import type { InboundMessage } from '../../inbound/inbound-message.js';
import type { Person } from '../../desk/person.js';
import { noProgressYet, type NewTicket } from '../../tickets/ticket.entity.js';

const TITLE_MAX = 60;

function titleOf(message: InboundMessage): string {
  const source = message.subject ?? message.text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const line = source.trim().replace(/\s+/g, ' ');
  if (line === '') return message.attachments.length > 0 ? '（图片/附件报修）' : '（无描述）';
  // By code point: cutting between the halves of an emoji would store a broken character.
  const chars = Array.from(line);
  return chars.length > TITLE_MAX ? `${chars.slice(0, TITLE_MAX - 1).join('')}…` : line;
}

/**
 * The 工单 as first registered. The roster fills what the sender did not say (department,
 * phone, office); what the sender did say wins, since it is what they told us this time.
 */
export function newTicketFromMessage(message: InboundMessage, reporter: Person | null, now: Date): NewTicket {
  const s = message.sender;
  return {
    status: 'new',
    channel: message.channel,
    type: 'fault',
    priority: 'P3',
    category: message.fields.moduleType ?? null,
    categoryConfidence: message.fields.moduleType ? 1 : null,
    title: titleOf(message),
    description: message.text,
    reporter: {
      personId: reporter?.id ?? null,
      name: s.name,
      department: s.department ?? reporter?.department ?? null,
      phone: s.phone ?? reporter?.phone ?? null,
      email: s.email ?? reporter?.email ?? null,
      wechatId: s.wechatId ?? reporter?.wechatId ?? null,
      telegramId: s.telegramId ?? reporter?.telegramId ?? null,
      officeLocation: s.officeLocation ?? reporter?.officeLocation ?? null,
    },
    location: message.fields.location ?? null,
    deviceName: message.fields.device ?? null,
    deviceDescription: message.fields.deviceDescription ?? null,
    conversationId: message.conversation?.id ?? null,
    ownerId: null,
    assigneeId: null,
    dispatchCount: 0,
    reportedAt: message.receivedAt,
    createdAt: now,
    updatedAt: now,
    ...noProgressYet(),
  };
}
