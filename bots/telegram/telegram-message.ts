import type { Telegram } from 'telegraf';
import type { Message, Update } from 'telegraf/types';
import type { AttachmentStore } from '../../adapters/email/attachment-store.js';
import {
  inboundMessageSchema,
  type ChatMessageKind,
  type InboundAttachment,
  type InboundMessage,
} from '../../core/inbound/inbound-message.js';

export interface BotIdentity {
  id: number;
  username: string;
}

type AnyMessage = Update.New & Update.NonChannel & Message;

const nameOf = (u: { first_name: string; last_name?: string; username?: string }): string =>
  [u.first_name, u.last_name].filter(Boolean).join(' ') || u.username || 'telegram user';

/** The file a message carries, as Telegram names it, and the kind of line it makes. */
function mediaOf(m: AnyMessage): {
  kind: ChatMessageKind;
  fileId: string | null;
  name: string;
  type: string;
} {
  if ('photo' in m && m.photo.length > 0) {
    const best = m.photo[m.photo.length - 1]!;
    return { kind: 'image', fileId: best.file_id, name: `${best.file_unique_id}.jpg`, type: 'image/jpeg' };
  }
  if ('voice' in m)
    return {
      kind: 'voice',
      fileId: m.voice.file_id,
      name: `${m.voice.file_unique_id}.ogg`,
      type: m.voice.mime_type ?? 'audio/ogg',
    };
  if ('video' in m)
    return {
      kind: 'video',
      fileId: m.video.file_id,
      name: m.video.file_name ?? 'video.mp4',
      type: m.video.mime_type ?? 'video/mp4',
    };
  if ('document' in m)
    return {
      kind: 'file',
      fileId: m.document.file_id,
      name: m.document.file_name ?? 'file',
      type: m.document.mime_type ?? 'application/octet-stream',
    };
  if ('sticker' in m) return { kind: 'sticker', fileId: null, name: '', type: '' };
  return { kind: 'text', fileId: null, name: '', type: '' };
}

/**
 * A Telegram message as core's InboundMessage. Ids are `<chat id>:<message id>`, which is also how a
 * reply names the message it answers (inReplyTo), so a reply to a bot prompt traces back to its ticket.
 */
export async function telegramToInbound(
  m: AnyMessage,
  bot: BotIdentity,
  files: { telegram: Pick<Telegram, 'getFileLink'>; store: Pick<AttachmentStore, 'store'> },
): Promise<InboundMessage> {
  const from = m.from!;
  const isGroup = m.chat.type !== 'private';
  const text = 'text' in m ? m.text : 'caption' in m ? (m.caption ?? '') : '';
  const entities =
    'entities' in m ? (m.entities ?? []) : 'caption_entities' in m ? (m.caption_entities ?? []) : [];
  const mentioned = entities.flatMap((e) => {
    if (e.type === 'text_mention') return [String(e.user.id)];
    if (e.type === 'mention') return [text.slice(e.offset + 1, e.offset + e.length)];
    return [];
  });
  const reply = 'reply_to_message' in m ? m.reply_to_message : undefined;
  const mentionsBot =
    mentioned.includes(bot.username) || mentioned.includes(String(bot.id)) || reply?.from?.id === bot.id;
  const media = mediaOf(m);
  const receivedAt = new Date(m.date * 1000);
  return inboundMessageSchema.parse({
    channel: 'telegram',
    externalId: `${m.chat.id}:${m.message_id}`,
    receivedAt,
    sender: { name: nameOf(from), externalId: String(from.id), telegramId: String(from.id) },
    ...(isGroup
      ? { conversation: { id: String(m.chat.id), title: 'title' in m.chat ? m.chat.title : undefined } }
      : {}),
    text: text.slice(0, 20_000),
    ...(reply ? { inReplyTo: `${m.chat.id}:${reply.message_id}` } : {}),
    attachments: media.fileId ? await download(media, files, receivedAt) : [],
    chat: {
      isGroup,
      mentionsBot,
      mentions: mentioned.filter((x) => x !== bot.username && x !== String(bot.id)),
      kind: media.kind,
      ...(reply && 'text' in reply && reply.text ? { quotedText: reply.text.slice(0, 2_000) } : {}),
    },
  });
}

async function download(
  media: ReturnType<typeof mediaOf>,
  files: { telegram: Pick<Telegram, 'getFileLink'>; store: Pick<AttachmentStore, 'store'> },
  receivedAt: Date,
): Promise<InboundAttachment[]> {
  try {
    const link = await files.telegram.getFileLink(media.fileId!);
    const res = await fetch(link, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`download answered ${res.status}`);
    const content = Buffer.from(await res.arrayBuffer());
    return files.store.store(
      [{ filename: media.name, contentType: media.type, contentId: null, content }],
      receivedAt,
    );
  } catch (e) {
    // The line still counts; only its bytes are missing (the reason is kept with it).
    const why = e instanceof Error ? e.message : String(e);
    return [
      {
        name: media.name,
        contentType: media.type,
        size: 0,
        skippedReason: `not downloaded: ${why}`.slice(0, 200),
      },
    ];
  }
}
