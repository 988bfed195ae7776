import type { Channel } from '../inbound/channel.js';
import type {
  ChatMessageKind,
  InboundAttachment,
  InboundMessage,
  InboundSender,
} from '../inbound/inbound-message.js';
import type { ChatSettings } from './chat-settings.js';
import { stripMentions } from './chat-text.js';
import type { ReportReason } from './report-detection.js';
import { extractDetails } from './ticket-details.js';

/** `dropped`: only pictures or voice came, and no report with them; nothing is opened. */
export type DraftStatus = 'open' | 'closing' | 'ticketed' | 'dropped';

/** One reporter's report being collected in one conversation, until its burst window ends. */
export interface BurstDraft {
  id: string;
  channel: Channel;
  /** The group's id, or `dm:<sender id>` for a private chat. */
  conversationKey: string;
  conversation: { id: string; title?: string | undefined } | null;
  senderKey: string;
  sender: InboundSender;
  status: DraftStatus;
  /**
   * Why it is a report; tentative (`media_alone`, `low_confidence`) while it holds only pictures or
   * unclear lines (a report line may still follow, or be processed a moment later by another worker).
   */
  reason: ReportReason;
  openedAt: Date;
  lastAt: Date;
  closesAt: Date;
  ticketId: string | null;
  ticketNumber: string | null;
}

export interface DraftLine {
  externalId: string;
  text: string;
  kind: ChatMessageKind;
  attachments: InboundAttachment[];
  at: Date;
}

/** Who a chat line is from, as a stable key: the platform id, else the display name. */
export const senderKeyOf = (m: InboundMessage): string => m.sender.externalId ?? `name:${m.sender.name}`;

/** Groups are keyed by their id; a private chat by its one other party. */
export const conversationKeyOf = (m: InboundMessage): string => m.conversation?.id ?? `dm:${senderKeyOf(m)}`;

export function lineOf(m: InboundMessage): DraftLine {
  return {
    externalId: m.externalId,
    text: stripMentions(m.text),
    kind: m.chat?.kind ?? 'text',
    attachments: m.attachments,
    at: m.receivedAt,
  };
}

/** The window slides with each line, but never past burstMaxSeconds from the first. */
export function burstClosesAt(openedAt: Date, lastAt: Date, settings: ChatSettings): Date {
  const sliding = lastAt.getTime() + settings.burstWindowSeconds * 1000;
  const cap = openedAt.getTime() + settings.burstMaxSeconds * 1000;
  return new Date(Math.min(sliding, cap));
}

const MAX_ATTACHMENTS = 50;
const KIND_NOTE: Partial<Record<ChatMessageKind, string>> = {
  image: '[图片]',
  voice: '[语音]',
  video: '[视频]',
  file: '[文件]',
};

/**
 * The burst as the single message the ingest use case turns into a ticket. Its id derives from the
 * draft, so closing the same draft twice (a redelivered timer) finds the stored ticket.
 */
export function draftToInbound(draft: BurstDraft, lines: readonly DraftLine[]): InboundMessage {
  const ordered = [...lines].sort((a, b) => a.at.getTime() - b.at.getTime());
  const text = ordered
    .map((l) => l.text || KIND_NOTE[l.kind] || '')
    .filter((t) => t !== '')
    .join('\n')
    .slice(0, 20_000);
  const details = extractDetails(text);
  return {
    channel: draft.channel,
    externalId: `burst:${draft.id}`,
    receivedAt: draft.openedAt,
    sender: {
      ...draft.sender,
      ...(details.phone && !draft.sender.phone ? { phone: details.phone } : {}),
    },
    ...(draft.conversation ? { conversation: draft.conversation } : {}),
    text,
    fields: {
      ...(details.location ? { location: details.location } : {}),
      ...(details.device ? { device: details.device } : {}),
    },
    attachments: ordered.flatMap((l) => l.attachments).slice(0, MAX_ATTACHMENTS),
  };
}
