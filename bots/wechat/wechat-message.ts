import { types, type Message } from 'wechaty';
import type { AttachmentStore } from '../../adapters/email/attachment-store.js';
import {
  inboundMessageSchema,
  type ChatMessageKind,
  type InboundAttachment,
  type InboundMessage,
} from '../../core/inbound/inbound-message.js';
import { splitWechatQuote } from './wechat-quote.js';

const KINDS: Partial<Record<types.Message, ChatMessageKind>> = {
  [types.Message.Text]: 'text',
  [types.Message.Image]: 'image',
  [types.Message.Audio]: 'voice',
  [types.Message.Video]: 'video',
  [types.Message.Attachment]: 'file',
  [types.Message.Emoticon]: 'sticker',
};
const WITH_FILE = new Set<ChatMessageKind>(['image', 'voice', 'video', 'file']);

/**
 * A WeChat message as core's InboundMessage. The sender's WeChat id is both the channel id and
 * `wechatId`, so the roster matches engineers and the acknowledgement can @-mention the reporter.
 */
export async function wechatToInbound(
  message: Message,
  attachments: Pick<AttachmentStore, 'store'>,
): Promise<InboundMessage> {
  const talker = message.talker();
  const room = message.room();
  const kind = KINDS[message.type()] ?? 'other';
  const { quoted, reply } = splitWechatQuote(message.text() ?? '');
  const mentionsBot = room ? await message.mentionSelf() : false;
  const mentions = room ? (await message.mentionList()).filter((c) => !c.self()).map((c) => c.id) : [];
  const receivedAt = message.date();
  return inboundMessageSchema.parse({
    channel: 'wechat',
    externalId: message.id,
    receivedAt,
    sender: { name: talker.name() || talker.id, externalId: talker.id, wechatId: talker.id },
    ...(room ? { conversation: { id: room.id, title: (await room.topic()) || undefined } } : {}),
    text: WITH_FILE.has(kind) || kind === 'sticker' ? '' : reply.slice(0, 20_000),
    attachments: WITH_FILE.has(kind) ? await fileOf(message, attachments, receivedAt) : [],
    chat: {
      isGroup: room !== undefined,
      mentionsBot,
      mentions,
      kind,
      ...(quoted ? { quotedText: quoted.slice(0, 2_000) } : {}),
    },
  });
}

async function fileOf(
  message: Message,
  store: Pick<AttachmentStore, 'store'>,
  receivedAt: Date,
): Promise<InboundAttachment[]> {
  try {
    const box = await message.toFileBox();
    const content = await box.toBuffer();
    return store.store(
      [
        {
          filename: box.name,
          contentType: box.mediaType || 'application/octet-stream',
          contentId: null,
          content,
        },
      ],
      receivedAt,
    );
  } catch (e) {
    // The line still counts (a picture was sent); only its bytes are missing.
    const why = e instanceof Error ? e.message : String(e);
    return [
      {
        name: `${message.id}.bin`,
        contentType: 'application/octet-stream',
        size: 0,
        skippedReason: why.slice(0, 200),
      },
    ];
  }
}
