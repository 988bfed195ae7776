import { randomUUID } from 'node:crypto';
import { inboundMessageSchema, type InboundMessage } from '../../../core/inbound/inbound-message.js';

export interface ChatLineDraft {
  room?: string | null;
  from: { id: string; name: string };
  text?: string;
  kind?: NonNullable<InboundMessage['chat']>['kind'];
  mentionsBot?: boolean;
  attachments?: InboundMessage['attachments'];
  quotedText?: string;
  inReplyTo?: string;
  channel?: 'wechat' | 'telegram';
}

let sequence = 0;

/** A chat line as a bot would hand it to the intake queue; each a millisecond after the last. */
export function chatLine(d: ChatLineDraft): InboundMessage {
  const channel = d.channel ?? 'wechat';
  const room = d.room === undefined ? 'room-1' : d.room;
  return inboundMessageSchema.parse({
    channel,
    externalId: `${channel}-${randomUUID()}`,
    receivedAt: new Date(Date.now() + ++sequence),
    sender: {
      name: d.from.name,
      externalId: d.from.id,
      ...(channel === 'wechat' ? { wechatId: d.from.id } : { telegramId: d.from.id }),
    },
    ...(room ? { conversation: { id: room, title: '报修群' } } : {}),
    text: d.text ?? '',
    ...(d.inReplyTo ? { inReplyTo: d.inReplyTo } : {}),
    attachments: d.attachments ?? [],
    chat: {
      isGroup: room !== null,
      mentionsBot: d.mentionsBot ?? false,
      kind: d.kind ?? 'text',
      ...(d.quotedText ? { quotedText: d.quotedText } : {}),
    },
  });
}

export const photo = (name: string) => ({
  name,
  contentType: 'image/jpeg',
  size: 1024,
  storagePath: `wechat/${name}`,
});
