import { z } from 'zod';
import { channelSchema } from './channel.js';
import { MODULE_TYPES } from '../desk/module-type.js';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).min(1).optional();

export const senderSchema = z.object({
  /** Display name as the channel shows it (WeChat nickname, mail From name, form contact). */
  name: text(100).min(1),
  /** The sender's id on the channel (wxid, Telegram user id, mail address, phone number). */
  externalId: optionalText(200),
  department: optionalText(100),
  phone: optionalText(40),
  email: z.string().trim().toLowerCase().email().max(200).optional(),
  wechatId: optionalText(100),
  telegramId: optionalText(40),
  /** Office location (办公地点). */
  officeLocation: optionalText(200),
});

export const CHAT_MESSAGE_KINDS = [
  'text',
  'image',
  'voice',
  'video',
  'file',
  'sticker',
  'emoji',
  'other',
] as const;

/** What a chat bot knows about a line beyond its text; absent for mail, forms and calls. */
export const chatFactsSchema = z.object({
  /** A group chat (WeChat room, Telegram group); false for a private chat with the bot. */
  isGroup: z.boolean(),
  mentionsBot: z.boolean().default(false),
  /** Channel ids of the people the line @-mentions (the bot excluded). */
  mentions: z.array(text(200)).max(50).default([]),
  kind: z.enum(CHAT_MESSAGE_KINDS).default('text'),
  /** The text of the message this one quotes, when the platform shows it but gives no id (WeChat). */
  quotedText: optionalText(2_000),
});

export const attachmentSchema = z.object({
  name: text(255).min(1),
  contentType: text(120).min(1),
  size: z.number().int().nonnegative(),
  /** Where the adapter stored the bytes, relative to DATA_DIR/attachments. Absent when skipped. */
  storagePath: optionalText(500),
  skippedReason: optionalText(200),
});

/**
 * The one shape every channel adapter produces. `channel` + `externalId` identify a message for
 * idempotency: the same pair delivered twice never creates a second ticket or a second message.
 */
export const inboundMessageSchema = z.object({
  channel: channelSchema,
  externalId: text(300).min(1),
  receivedAt: z.coerce.date(),
  sender: senderSchema,
  /** Group chat, mail thread or call the message belongs to; acknowledgements go back there. */
  conversation: z.object({ id: text(300).min(1), title: optionalText(200) }).optional(),
  subject: optionalText(300),
  text: text(20_000),
  /** A ticket number the sender named explicitly (`进度 #INC-…`, `[INC-…]` in a subject). */
  ticketRef: optionalText(40),
  /** The externalId of the message this one replies to, when the channel says so. */
  inReplyTo: optionalText(300),
  /** Structured fields a form or an API client already knows. */
  fields: z
    .object({
      location: optionalText(200),
      device: optionalText(200),
      deviceDescription: optionalText(500),
      moduleType: z.enum(MODULE_TYPES).optional(),
    })
    .default({}),
  attachments: z.array(attachmentSchema).max(50).default([]),
  /** Chat channels only (wechat, telegram). */
  chat: chatFactsSchema.optional(),
});

export type InboundMessage = z.infer<typeof inboundMessageSchema>;
export type InboundSender = z.infer<typeof senderSchema>;
export type InboundAttachment = z.infer<typeof attachmentSchema>;
export type ChatFacts = z.infer<typeof chatFactsSchema>;
export type ChatMessageKind = ChatFacts['kind'];
