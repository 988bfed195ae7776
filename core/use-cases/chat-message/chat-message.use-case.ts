import { classifyByRules } from '../../classify/rule-classifier.js';
import type { DeskSettings } from '../../desk/desk-settings.js';
import type { InboundMessage } from '../../inbound/inbound-message.js';
import {
  burstClosesAt,
  conversationKeyOf,
  lineOf,
  senderKeyOf,
  type BurstDraft,
} from '../../intake/burst-draft.js';
import type { ChatSettings } from '../../intake/chat-settings.js';
import { hasReportPrefix, stripMentions, ticketNumberIn } from '../../intake/chat-text.js';
import { parseRatingAnswer } from '../../intake/rating-answer.js';
import {
  detectReport,
  isTentative,
  type ReportDecision,
  type ReportReason,
} from '../../intake/report-detection.js';
import type { BurstTimer } from '../../ports/burst-timer.port.js';
import type { ChatConversationRepository } from '../../ports/chat-conversation.repository.port.js';
import type { Clock } from '../../ports/clock.port.js';
import type { JobScheduler } from '../../ports/job-scheduler.port.js';
import type { PersonRepository } from '../../ports/person.repository.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import type { Tokenizer } from '../../ports/tokenizer.port.js';
import { ok, type Result } from '../../shared/result.js';
import type { UseCaseError } from '../use-case.errors.js';
import { AnswerQuestion } from './answer-question.js';
import type { ChatCommands, ChatOutcome, TicketRater } from './chat-message.ports.js';
import { replyNotification } from './chat-replies.js';

export interface ChatMessageDeps {
  conversations: ChatConversationRepository;
  timer: BurstTimer;
  tickets: TicketRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  tokenizer: Tokenizer;
  clock: Clock;
  /** New draft ids (uuid); injected so core stays free of randomness sources. */
  newId: () => string;
  desk: Pick<DeskSettings, 'categories' | 'ticketPrefix'>;
  chat: ChatSettings;
  commands: ChatCommands;
  rater: TicketRater;
}

/**
 * Every WeChat and Telegram line comes here. In order: a command is run and answered; a line of a
 * reporter whose burst is open joins it; an answer to the bot's question fills the ticket; a rating
 * answer rates the reporter's resolved ticket; otherwise the line may open a new report (a burst
 * draft whose window a delayed job closes) — or it is chatter and nothing happens.
 */
export class ChatMessageUseCase {
  private readonly answers: AnswerQuestion;

  constructor(private readonly deps: ChatMessageDeps) {
    this.answers = new AnswerQuestion(deps);
  }

  async execute(message: InboundMessage): Promise<Result<ChatOutcome, UseCaseError>> {
    const { conversations } = this.deps;
    if (await conversations.hasLine(message.channel, message.externalId)) return ok({ kind: 'duplicate' });
    const text = stripMentions(message.text);

    const command = this.deps.commands.parse(message.text, await this.quotedTicket(message));
    if (command) return this.runCommand(message, command);

    const convKey = conversationKeyOf(message);
    const senderKey = senderKeyOf(message);
    const open = await conversations.findOpenDraft(message.channel, convKey, senderKey);
    if (open) {
      const joined = await this.joinIfItBelongs(open, message, text);
      if (joined) return ok(joined);
    }

    if (!hasReportPrefix(text)) {
      const question = await conversations.findPendingQuestion(message.channel, convKey, senderKey);
      if (question && text !== '') return this.answers.execute(question, message, text);
      const rated = await this.rateIfAwaited(message, text);
      if (rated) return rated;
    }
    return this.maybeOpen(message, text, convKey, senderKey);
  }

  private async runCommand(
    message: InboundMessage,
    command: NonNullable<ReturnType<ChatCommands['parse']>>,
  ): Promise<Result<ChatOutcome, UseCaseError>> {
    const outcome = await this.deps.commands.run({ command, message });
    if (!outcome.ok) return outcome;
    const { replies, status } = outcome.value;
    for (const [i, reply] of replies.entries())
      await this.deps.jobs.enqueue({ kind: 'notify', notification: replyNotification(message, reply, i) });
    return ok({ kind: 'command', status, replies: replies.length });
  }

  /** The ticket a quote-reply points at: the quoted bot message's ticket, or a number in the quoted text. */
  private async quotedTicket(message: InboundMessage): Promise<string | null> {
    if (message.inReplyTo) {
      const id = await this.deps.tickets.findTicketIdByMessage(message.channel, message.inReplyTo);
      const ticket = id ? await this.deps.tickets.findById(id) : null;
      if (ticket) return ticket.number;
    }
    return ticketNumberIn(message.chat?.quotedText);
  }

  /**
   * Every line of a reporter's open report joins it. A draft holding only pictures so far takes more
   * media, and is made a report by a line that reads as one; other text is not part of it.
   */
  private async joinIfItBelongs(
    draft: BurstDraft,
    message: InboundMessage,
    text: string,
  ): Promise<ChatOutcome | null> {
    if (!isTentative(draft.reason)) return this.join(draft, message);
    const decision = this.decide(message, text);
    if (decision.isReport) return this.join(draft, message, decision.reason);
    return isTentative(decision.reason) ? this.join(draft, message) : null;
  }

  private async join(
    draft: BurstDraft,
    message: InboundMessage,
    promote?: ReportReason,
  ): Promise<ChatOutcome | null> {
    const added = await this.deps.conversations.addLine(
      draft,
      lineOf(message),
      burstClosesAt(draft.openedAt, message.receivedAt, this.deps.chat),
      promote,
    );
    if (added.added) return { kind: 'burst_line', draftId: draft.id };
    return added.reason === 'duplicate' ? { kind: 'duplicate' } : null;
  }

  private async rateIfAwaited(
    message: InboundMessage,
    text: string,
  ): Promise<Result<ChatOutcome, UseCaseError> | null> {
    const answer = parseRatingAnswer(text);
    const senderId = message.sender.externalId;
    if (!answer || !senderId) return null;
    const ticketId = await this.deps.conversations.findTicketAwaitingRating(
      message.channel,
      message.chat?.isGroup === false ? null : (message.conversation?.id ?? null),
      senderId,
    );
    if (!ticketId) return null;
    const sender = await this.deps.people.matchSender(message.sender);
    const rated = await this.deps.rater.rate({ ticketId, ...answer, message, sender });
    if (!rated.ok) return rated;
    for (const [i, reply] of rated.value.replies.entries())
      await this.deps.jobs.enqueue({ kind: 'notify', notification: replyNotification(message, reply, i) });
    return ok({ kind: 'rated', ticketId, rating: answer.rating });
  }

  private decide(message: InboundMessage, text: string): ReportDecision {
    const { chat, desk, tokenizer } = this.deps;
    const kind = message.chat?.kind ?? (message.attachments.length > 0 ? 'file' : 'text');
    const classification = text === '' ? null : classifyByRules(text, tokenizer.cut(text), desk.categories);
    const line = {
      text,
      kind,
      isGroup: message.chat?.isGroup ?? message.conversation !== undefined,
      mentionsBot: message.chat?.mentionsBot ?? false,
    };
    return detectReport(line, classification, chat);
  }

  private async maybeOpen(
    message: InboundMessage,
    text: string,
    conversationKey: string,
    senderKey: string,
  ): Promise<Result<ChatOutcome, UseCaseError>> {
    const { chat, clock } = this.deps;
    const decision = this.decide(message, text);
    // Pictures and unclear lines are held for a window: the report they belong to may be a moment behind.
    if (!decision.isReport && !isTentative(decision.reason))
      return ok({ kind: 'ignored', reason: decision.reason });

    const at = message.receivedAt;
    const candidate: BurstDraft = {
      id: this.deps.newId(),
      channel: message.channel,
      conversationKey,
      conversation: message.conversation ?? null,
      senderKey,
      sender: message.sender,
      status: 'open',
      reason: decision.reason,
      openedAt: at,
      lastAt: at,
      closesAt: burstClosesAt(at, at, chat),
      ticketId: null,
      ticketNumber: null,
    };
    const { draft, created } = await this.deps.conversations.openDraft(candidate, lineOf(message));
    if (!created) {
      // Another worker opened this reporter's draft a moment ago: the line joins it.
      const joined = await this.join(draft, message, decision.isReport ? decision.reason : undefined);
      return ok(joined ?? { kind: 'ignored', reason: 'draft_closed' });
    }
    // A timer for a window that has already passed (a backlog) fires at once.
    await this.deps.timer.schedule(
      draft.id,
      new Date(Math.max(draft.closesAt.getTime(), clock.now().getTime())),
    );
    return ok({ kind: 'burst_opened', draftId: draft.id, reason: decision.reason, closesAt: draft.closesAt });
  }
}
