import { draftToInbound, type BurstDraft } from '../../intake/burst-draft.js';
import { missingDetails, questionText } from '../../intake/ticket-details.js';
import { isTentative } from '../../intake/report-detection.js';
import type { BurstTimer } from '../../ports/burst-timer.port.js';
import type { ChatConversationRepository } from '../../ports/chat-conversation.repository.port.js';
import type { Clock } from '../../ports/clock.port.js';
import type { JobScheduler } from '../../ports/job-scheduler.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import { ok, type Result } from '../../shared/result.js';
import type { IngestMessageUseCase } from '../ingest-message/ingest-message.use-case.js';
import { retryable, type UseCaseError } from '../use-case.errors.js';

/** Delayed jobs fire within milliseconds of their time; anything closer than this is on time. */
const EARLY_TOLERANCE_MS = 250;

export type CloseBurstOutcome =
  | { status: 'ticketed'; ticketId: string; ticketNumber: string; lines: number; asked: string[] }
  /** A line arrived since the timer was set: the window moved, a new timer waits for it. */
  | { status: 'extended'; closesAt: Date }
  /** Only pictures or unclear lines came, with no report: nothing is opened. */
  | { status: 'dropped'; lines: number }
  | { status: 'gone' };

export interface CloseBurstDeps {
  conversations: ChatConversationRepository;
  timer: BurstTimer;
  tickets: TicketRepository;
  jobs: JobScheduler;
  clock: Clock;
  ingest: IngestMessageUseCase;
}

/**
 * The end of a burst window: the reporter's lines become one ticket (through the ingest use case, as
 * one message with every attachment), then the bot asks once for what the ticket lacks. Each step is
 * idempotent, so a timer that fires twice, or again after a crash, neither duplicates nor loses.
 */
export class CloseBurstUseCase {
  constructor(private readonly deps: CloseBurstDeps) {}

  async execute(draftId: string): Promise<Result<CloseBurstOutcome, UseCaseError>> {
    const { conversations, clock } = this.deps;
    const draft = await conversations.findDraft(draftId);
    if (!draft) return ok({ status: 'gone' });
    // A timer firing a hair early must close, not re-arm: its own id (draft, closing time) is still
    // taken while it runs, so re-arming for the same instant would be ignored and the draft stranded.
    if (draft.status === 'open' && draft.closesAt.getTime() - clock.now().getTime() > EARLY_TOLERANCE_MS) {
      await this.deps.timer.schedule(draft.id, draft.closesAt);
      return ok({ status: 'extended', closesAt: draft.closesAt });
    }
    const closed = await conversations.closeDraft(draftId);
    if (!closed) return ok({ status: 'gone' });
    if (isTentative(closed.draft.reason) && closed.draft.status !== 'ticketed') {
      await conversations.markDropped(draftId);
      return ok({ status: 'dropped', lines: closed.lines.length });
    }
    const ingested = await this.deps.ingest.execute(draftToInbound(closed.draft, closed.lines));
    if (!ingested.ok) return ingested;
    const { ticketId, ticketNumber } = ingested.value;
    if (closed.draft.status !== 'ticketed') await conversations.markTicketed(draftId, ticketId, ticketNumber);
    const asked = await this.askForMissing(closed.draft, ticketId);
    if (!asked.ok) return asked;
    return ok({ status: 'ticketed', ticketId, ticketNumber, lines: closed.lines.length, asked: asked.value });
  }

  private async askForMissing(draft: BurstDraft, ticketId: string): Promise<Result<string[], UseCaseError>> {
    const ticket = await this.deps.tickets.findById(ticketId);
    if (!ticket)
      return { ok: false, error: retryable('TICKET_NOT_VISIBLE', `Ticket ${ticketId} not readable yet.`) };
    const missing = missingDetails({
      location: ticket.location,
      device: ticket.deviceName,
      phone: ticket.reporter.phone,
    });
    if (missing.length === 0) return ok([]);
    // Enqueued even when asked before: the job id is fixed, so a question whose enqueue was lost is sent once.
    await this.deps.conversations.askQuestion({
      ticketId,
      ticketNumber: ticket.number,
      channel: draft.channel,
      conversationKey: draft.conversationKey,
      senderKey: draft.senderKey,
      missing,
      askedAt: this.deps.clock.now(),
    });
    await this.deps.jobs.enqueue({
      kind: 'notify',
      notification: {
        id: `question-${ticketId}`,
        channel: draft.channel,
        purpose: 'question',
        ticketId,
        ticketNumber: ticket.number,
        to: {
          personId: ticket.reporter.personId,
          name: draft.sender.name,
          address: draft.sender.externalId ?? null,
          conversationId: draft.conversation?.id ?? null,
        },
        text: questionText(ticket.number, missing),
      },
    });
    return ok(missing);
  }
}
