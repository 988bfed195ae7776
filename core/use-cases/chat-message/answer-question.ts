import type { InboundMessage } from '../../inbound/inbound-message.js';
import { detailsFromAnswer } from '../../intake/ticket-details.js';
import type {
  ChatConversationRepository,
  PendingQuestion,
} from '../../ports/chat-conversation.repository.port.js';
import type { Clock } from '../../ports/clock.port.js';
import type { PersonRepository } from '../../ports/person.repository.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import { ok, type Result } from '../../shared/result.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import type { Actor } from '../../tickets/ticket-event.js';
import { TICKET_ERROR_CODES } from '../../tickets/ticket.errors.js';
import { permanent, retryable, type UseCaseError } from '../use-case.errors.js';
import type { ChatOutcome } from './chat-message.ports.js';

const SAVE_ATTEMPTS = 5;

/** The reporter's answer to the bot's one question: kept as a ticket message, and the facts it gives filled in. */
export class AnswerQuestion {
  constructor(
    private readonly deps: {
      conversations: ChatConversationRepository;
      tickets: TicketRepository;
      people: PersonRepository;
      clock: Clock;
    },
  ) {}

  async execute(
    question: PendingQuestion,
    message: InboundMessage,
    text: string,
  ): Promise<Result<ChatOutcome, UseCaseError>> {
    const { tickets, clock } = this.deps;
    const reporter = await this.deps.people.matchSender(message.sender);
    const actor: Actor = { kind: 'reporter', id: reporter?.id ?? null, name: message.sender.name };
    const at = clock.now();
    await tickets.appendMessage(
      question.ticketId,
      {
        channel: message.channel,
        externalId: message.externalId,
        direction: 'in',
        senderName: message.sender.name,
        senderPersonId: reporter?.id ?? null,
        subject: null,
        text: message.text,
        at: message.receivedAt,
        attachments: message.attachments,
      },
      {
        type: 'message_added',
        at,
        actor,
        channel: message.channel,
        fromStatus: null,
        toStatus: null,
        data: { externalId: message.externalId, answers: 'question' },
      },
    );
    const filled = detailsFromAnswer(text, question.missing);
    for (let attempt = 1; ; attempt++) {
      const ticket = await tickets.findById(question.ticketId);
      if (!ticket)
        return {
          ok: false,
          error: permanent('TICKET_NOT_FOUND', `Ticket ${question.ticketNumber} is gone.`),
        };
      const changed = applyDetails(ticket, filled);
      if (changed.length === 0) break;
      const next: Ticket = {
        ...ticket,
        location: filled.location ?? ticket.location,
        deviceName: filled.device ?? ticket.deviceName,
        reporter: { ...ticket.reporter, phone: filled.phone ?? ticket.reporter.phone },
        updatedAt: at,
      };
      const saved = await tickets.save(next, [
        {
          type: 'field_changed',
          at,
          actor,
          channel: message.channel,
          fromStatus: null,
          toStatus: null,
          data: { source: 'chat_answer', fields: Object.fromEntries(changed.map((k) => [k, filled[k]])) },
        },
      ]);
      if (saved.ok) break;
      if (saved.error.code !== TICKET_ERROR_CODES.CONCURRENT_UPDATE || attempt >= SAVE_ATTEMPTS)
        return { ok: false, error: retryable(saved.error.code, saved.error.message) };
    }
    await this.deps.conversations.answerQuestion(question.ticketId, at);
    return ok({ kind: 'answered', ticketNumber: question.ticketNumber, filled: Object.keys(filled) });
  }
}

/** Which of the answered facts would change the ticket. */
function applyDetails(
  t: Ticket,
  filled: Partial<Record<'location' | 'device' | 'phone', string | null>>,
): ('location' | 'device' | 'phone')[] {
  const current = { location: t.location, device: t.deviceName, phone: t.reporter.phone };
  return (['location', 'device', 'phone'] as const).filter(
    (k) => filled[k] !== undefined && filled[k] !== null && filled[k] !== current[k],
  );
}
