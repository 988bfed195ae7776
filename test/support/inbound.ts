import { randomUUID } from 'node:crypto';
import { inboundMessageSchema, type InboundMessage } from '../../core/inbound/inbound-message.js';

type Draft = Omit<Partial<InboundMessage>, 'sender' | 'fields'> & {
  sender?: Partial<InboundMessage['sender']>;
  fields?: InboundMessage['fields'];
};

/** A valid inbound web report; tests override what they are about. Parsed, so defaults apply as in production. */
export function inbound(draft: Draft = {}): InboundMessage {
  return inboundMessageSchema.parse({
    channel: 'web',
    externalId: randomUUID(),
    receivedAt: new Date(),
    text: '打印机卡纸了，打印不出来',
    fields: {},
    attachments: [],
    ...draft,
    sender: { name: '张老师', ...draft.sender },
  });
}
