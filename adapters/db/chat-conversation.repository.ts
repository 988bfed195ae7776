import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Channel } from '../../core/inbound/index.js';
import {
  TENTATIVE_REASONS,
  type BurstDraft,
  type DraftLine,
  type ReportReason,
} from '../../core/intake/index.js';
import type {
  AddLineOutcome,
  ChatConversationRepository,
  PendingQuestion,
} from '../../core/ports/chat-conversation.repository.port.js';
import { ADD_LINE, CLOSE_DRAFT, OPEN_DRAFT } from './chat-conversation.sql.js';
import type { Db } from './database.js';
import { jsonParam } from './json-param.js';
import {
  chatDraftLines,
  chatDrafts,
  chatQuestions,
  tickets,
  type ChatDraftLineRow,
  type ChatDraftRow,
} from './schema/index.js';
import { sqlRunnerFor, type SqlRunner } from './sql-runner.js';

const toDraft = (r: ChatDraftRow): BurstDraft => ({
  id: r.id,
  channel: r.channel,
  conversationKey: r.conversationKey,
  conversation: r.conversationId
    ? { id: r.conversationId, ...(r.conversationTitle ? { title: r.conversationTitle } : {}) }
    : null,
  senderKey: r.senderKey,
  sender: r.sender,
  status: r.status,
  reason: r.reason as BurstDraft['reason'],
  openedAt: r.openedAt,
  lastAt: r.lastAt,
  closesAt: r.closesAt,
  ticketId: r.ticketId,
  ticketNumber: r.ticketNumber,
});

const toLine = (r: ChatDraftLineRow): DraftLine => ({
  externalId: r.externalId,
  text: r.text,
  kind: r.kind,
  attachments: r.attachments,
  at: r.at,
});

/** A line as the statements' $2…$6. */
const lineParams = (line: DraftLine): unknown[] => [
  line.externalId,
  line.text,
  line.kind,
  jsonParam(line.attachments),
  line.at,
];

/**
 * Conversation state in PostgreSQL. The draft writes are single statements (chat-conversation.sql.ts):
 * the draft's row lock keeps a line from slipping into a draft being closed.
 */
export class DrizzleChatConversationRepository implements ChatConversationRepository {
  private readonly run: SqlRunner;

  constructor(private readonly db: Db) {
    this.run = sqlRunnerFor(db);
  }

  async findOpenDraft(
    channel: Channel,
    conversationKey: string,
    senderKey: string,
  ): Promise<BurstDraft | null> {
    const [row] = await this.db
      .select()
      .from(chatDrafts)
      .where(
        and(
          eq(chatDrafts.channel, channel),
          eq(chatDrafts.conversationKey, conversationKey),
          eq(chatDrafts.senderKey, senderKey),
          eq(chatDrafts.status, 'open'),
        ),
      )
      .limit(1);
    return row ? toDraft(row) : null;
  }

  async openDraft(draft: BurstDraft, first: DraftLine): Promise<{ draft: BurstDraft; created: boolean }> {
    const [row] = await this.run<ChatDraftRow>(OPEN_DRAFT, [
      jsonParam({
        id: draft.id,
        channel: draft.channel,
        conversation_key: draft.conversationKey,
        conversation_id: draft.conversation?.id ?? null,
        conversation_title: draft.conversation?.title ?? null,
        sender_key: draft.senderKey,
        sender: draft.sender,
        reason: draft.reason,
        opened_at: draft.openedAt,
        last_at: draft.lastAt,
        closes_at: draft.closesAt,
      }),
      ...lineParams(first),
    ]);
    if (row) return { draft: toDraft(row), created: true };
    // Another worker opened this reporter's draft first; read it with a fresh snapshot.
    const existing = await this.findOpenDraft(draft.channel, draft.conversationKey, draft.senderKey);
    if (!existing) throw new Error('chat draft neither inserted nor found; retry');
    return { draft: existing, created: false };
  }

  async addLine(
    draft: BurstDraft,
    line: DraftLine,
    closesAt: Date,
    reason?: ReportReason,
  ): Promise<AddLineOutcome> {
    const [row] = await this.run<{ wasOpen: number; added: number } & ChatDraftRow>(ADD_LINE, [
      draft.id,
      ...lineParams(line),
      closesAt,
      reason ?? null,
      [...TENTATIVE_REASONS],
    ]);
    if (!row?.wasOpen) return { added: false, reason: 'closed' };
    if (!row.added) return { added: false, reason: 'duplicate' };
    return { added: true, draft: toDraft(row) };
  }

  async hasLine(channel: Channel, externalId: string): Promise<boolean> {
    const rows = await this.db
      .select({ id: chatDraftLines.id })
      .from(chatDraftLines)
      .where(and(eq(chatDraftLines.channel, channel), eq(chatDraftLines.externalId, externalId)))
      .limit(1);
    return rows.length > 0;
  }

  async findDraft(draftId: string): Promise<BurstDraft | null> {
    const [row] = await this.db.select().from(chatDrafts).where(eq(chatDrafts.id, draftId));
    return row ? toDraft(row) : null;
  }

  async closeDraft(draftId: string): Promise<{ draft: BurstDraft; lines: DraftLine[] } | null> {
    // Two statements, no transaction: once the first has stored 'closing' no line can join, and
    // the second reads, with a later snapshot, every line that joined before.
    const [row] = await this.run<ChatDraftRow>(CLOSE_DRAFT, [draftId]);
    if (!row) return null;
    const lines = await this.db
      .select()
      .from(chatDraftLines)
      .where(eq(chatDraftLines.draftId, draftId))
      .orderBy(asc(chatDraftLines.at), asc(chatDraftLines.id));
    return { draft: toDraft(row), lines: lines.map(toLine) };
  }

  async markTicketed(draftId: string, ticketId: string, ticketNumber: string): Promise<void> {
    await this.db
      .update(chatDrafts)
      .set({ status: 'ticketed', ticketId, ticketNumber })
      .where(eq(chatDrafts.id, draftId));
  }

  async markDropped(draftId: string): Promise<void> {
    await this.db.update(chatDrafts).set({ status: 'dropped' }).where(eq(chatDrafts.id, draftId));
  }

  async askQuestion(q: PendingQuestion): Promise<boolean> {
    const rows = await this.db
      .insert(chatQuestions)
      .values({ ...q, status: 'asked' })
      .onConflictDoNothing()
      .returning({ ticketId: chatQuestions.ticketId });
    return rows.length > 0;
  }

  async findPendingQuestion(
    channel: Channel,
    conversationKey: string,
    senderKey: string,
  ): Promise<PendingQuestion | null> {
    const [row] = await this.db
      .select()
      .from(chatQuestions)
      .where(
        and(
          eq(chatQuestions.channel, channel),
          eq(chatQuestions.conversationKey, conversationKey),
          eq(chatQuestions.senderKey, senderKey),
          eq(chatQuestions.status, 'asked'),
        ),
      )
      .orderBy(desc(chatQuestions.askedAt))
      .limit(1);
    if (!row) return null;
    const { status: _status, answeredAt: _answeredAt, ...question } = row;
    return question;
  }

  async answerQuestion(ticketId: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(chatQuestions)
      .set({ status: 'answered', answeredAt: at })
      .where(and(eq(chatQuestions.ticketId, ticketId), eq(chatQuestions.status, 'asked')))
      .returning({ ticketId: chatQuestions.ticketId });
    return rows.length > 0;
  }

  async findTicketAwaitingRating(
    channel: Channel,
    conversationId: string | null,
    senderId: string,
  ): Promise<string | null> {
    const senderColumn = channel === 'telegram' ? tickets.reporterTelegramId : tickets.reporterWechatId;
    const [row] = await this.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(
        and(
          eq(tickets.channel, channel),
          eq(tickets.status, 'resolved'),
          isNull(tickets.rating),
          eq(senderColumn, senderId),
          conversationId === null
            ? isNull(tickets.conversationId)
            : eq(tickets.conversationId, conversationId),
        ),
      )
      .orderBy(desc(tickets.resolvedAt))
      .limit(1);
    return row?.id ?? null;
  }
}
