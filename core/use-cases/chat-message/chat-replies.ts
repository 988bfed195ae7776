import type { InboundMessage } from '../../inbound/inbound-message.js';
import type { Notification } from '../../ports/job-scheduler.port.js';
import type { ChatReply } from '../chat-command/chat-command.types.js';

/**
 * A reply as a notification the channel's bot sends. Convention the bots follow: in a group
 * (`conversationId` set) a non-null `address` is @-mentioned; without a conversation the text goes
 * privately to `address`. A private reply therefore never names the group.
 */
export function replyNotification(message: InboundMessage, reply: ChatReply, index: number): Notification {
  const group = message.chat?.isGroup !== false ? (message.conversation?.id ?? null) : null;
  const inGroup = group !== null && !reply.private;
  return {
    id: `reply-${message.channel}-${message.externalId}-${index}`,
    channel: message.channel,
    purpose: 'reply',
    ticketId: reply.ticketId,
    ticketNumber: reply.ticketNumber,
    to: {
      personId: null,
      name: message.sender.name,
      address: inGroup && !reply.mention ? null : (message.sender.externalId ?? null),
      conversationId: inGroup ? group : null,
    },
    text: reply.text,
  };
}
