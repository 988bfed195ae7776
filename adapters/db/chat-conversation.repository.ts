import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Channel } from '../../core/inbound/index.js';
import { isTentative, type BurstDraft, type DraftLine, type ReportReason } from '../../core/intake/index.js';
import type {
  AddLineOutcome,
  ChatConversationRepository,
  PendingQuestion,
} from '../../core/ports/chat-conversation.repository.port.js';
import type { Db } from './database.js';
import {
  chatDraftLines,
  chatDrafts,
  chatQuestions,
  tickets,
  type ChatDraftLineRow,
  type ChatDraftRow,
} from './schema/index.js';

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

const lineValues = (draftId: string, channel: Channel, line: DraftLine) => ({
  draftId,
  channel,
  externalId: line.externalId,
  text: line.text,
  kind: line.kind,
  attachments: line.attachments,
  at: line.at,
});

/** Conversation state in PostgreSQL: row locks keep a line from slipping into a draft being closed. */
export class DrizzleChatConversationRepository implements ChatConversationRepository {
  constructor(private readonly db: Db) {}

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
    return this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(chatDrafts)
        .values({
          id: draft.id,
          channel: draft.channel,
          conversationKey: draft.conversationKey,
          conversationId: draft.conversation?.id ?? null,
          conversationTitle: draft.conversation?.title ?? null,
          senderKey: draft.senderKey,
          sender: draft.sender,
          status: 'open',
          reason: draft.reason,
          openedAt: draft.openedAt,
          lastAt: draft.lastAt,
          closesAt: draft.closesAt,
        })
        .onConflictDoNothing()
        .returning();
      const row = inserted[0];
      if (!row) {
        const existing = await this.findOpenDraftIn(tx, draft);
        if (!existing) throw new Error('chat draft neither inserted nor found; retry');
        return { draft: existing, created: false };
      }
      await tx.insert(chatDraftLines).values(lineValues(row.id, row.channel, first));
      return { draft: toDraft(row), created: true };
    });
  }

  private async findOpenDraftIn(tx: Pick<Db, 'select'>, d: BurstDraft): Promise<BurstDraft | null> {
    const [row] = await tx
      .select()
      .from(chatDrafts)
      .where(
        and(
          eq(chatDrafts.channel, d.channel),
          eq(chatDrafts.conversationKey, d.conversationKey),
          eq(chatDrafts.senderKey, d.senderKey),
          eq(chatDrafts.status, 'open'),
        ),
      )
      .limit(1);
    return row ? toDraft(row) : null;
  }

  async addLine(
    draftId: string,
    line: DraftLine,
    closesAt: (d: BurstDraft) => Date,
    reason?: ReportReason,
  ): Promise<AddLineOutcome> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(chatDrafts).where(eq(chatDrafts.id, draftId)).for('update');
      if (!row || row.status !== 'open') return { added: false, reason: 'closed' } as const;
      const stored = await tx
        .insert(chatDraftLines)
        .values(lineValues(draftId, row.channel, line))
        .onConflictDoNothing()
        .returning({ id: chatDraftLines.id });
      if (stored.length === 0) return { added: false, reason: 'duplicate' } as const;
      const draft = toDraft(row);
      const next = closesAt(draft);
      const lastAt = line.at > draft.lastAt ? line.at : draft.lastAt;
      const later = next > draft.closesAt ? next : draft.closesAt;
      const [updated] = await tx
        .update(chatDrafts)
        .set({ lastAt, closesAt: later, ...(reason && isTentative(draft.reason) ? { reason } : {}) })
        .where(eq(chatDrafts.id, draftId))
        .returning();
      return { added: true, draft: updated ? toDraft(updated) : draft } as const;
    });
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
    return this.db.transaction(async (tx) => {
      // The update waits for an addLine holding the row; after it, no line can join.
      const [closing] = await tx
        .update(chatDrafts)
        .set({ status: 'closing' })
        .where(and(eq(chatDrafts.id, draftId), eq(chatDrafts.status, 'open')))
        .returning();
      const row = closing ?? (await tx.select().from(chatDrafts).where(eq(chatDrafts.id, draftId)))[0];
      if (!row) return null;
      const lines = await tx
        .select()
        .from(chatDraftLines)
        .where(eq(chatDraftLines.draftId, draftId))
        .orderBy(asc(chatDraftLines.at), asc(chatDraftLines.id));
      return { draft: toDraft(row), lines: lines.map(toLine) };
    });
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
