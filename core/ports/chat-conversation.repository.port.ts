import type { Channel } from '../inbound/channel.js';
import type { BurstDraft, DraftLine } from '../intake/burst-draft.js';
import type { ReportReason } from '../intake/report-detection.js';
import type { DetailName } from '../intake/ticket-details.js';

/** The bot asked a reporter, once, for what their ticket lacks; their next line answers it. */
export interface PendingQuestion {
  ticketId: string;
  ticketNumber: string;
  channel: Channel;
  conversationKey: string;
  senderKey: string;
  missing: DetailName[];
  askedAt: Date;
}

export type AddLineOutcome =
  | { added: true; draft: BurstDraft }
  /** The line was stored before (a redelivery). */
  | { added: false; reason: 'duplicate' }
  /** The draft's window ended while the line was on its way: it belongs to nothing yet. */
  | { added: false; reason: 'closed' };

/**
 * Chat conversation state kept in the database, so that any worker process can continue a burst
 * or take the answer to a question another process asked.
 */
export interface ChatConversationRepository {
  findOpenDraft(channel: Channel, conversationKey: string, senderKey: string): Promise<BurstDraft | null>;
  /** Opens the reporter's draft with its first line, or returns the one another worker just opened. */
  openDraft(draft: BurstDraft, first: DraftLine): Promise<{ draft: BurstDraft; created: boolean }>;
  /**
   * Adds a line to the draft if it is still open, and moves its closing time to `closesAt` if that
   * is later. `reason`: the line makes a tentative draft (pictures, unclear lines) a report.
   */
  addLine(draft: BurstDraft, line: DraftLine, closesAt: Date, reason?: ReportReason): Promise<AddLineOutcome>;
  /** True when this chat line is already part of a draft. */
  hasLine(channel: Channel, externalId: string): Promise<boolean>;
  findDraft(draftId: string): Promise<BurstDraft | null>;
  /** Stops the draft taking lines (open → closing) and returns all of them. */
  closeDraft(draftId: string): Promise<{ draft: BurstDraft; lines: DraftLine[] } | null>;
  markTicketed(draftId: string, ticketId: string, ticketNumber: string): Promise<void>;
  markDropped(draftId: string): Promise<void>;

  /** Records the question; false when this ticket was asked before (ask once). */
  askQuestion(question: PendingQuestion): Promise<boolean>;
  findPendingQuestion(
    channel: Channel,
    conversationKey: string,
    senderKey: string,
  ): Promise<PendingQuestion | null>;
  /** Marks it answered; false when another worker took the answer first. */
  answerQuestion(ticketId: string, at: Date): Promise<boolean>;

  /** The reporter's most recently resolved, unrated ticket from this conversation, if any. */
  findTicketAwaitingRating(
    channel: Channel,
    conversationId: string | null,
    senderId: string,
  ): Promise<string | null>;
}
