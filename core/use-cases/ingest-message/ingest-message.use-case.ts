import type { InboundMessage } from '../../inbound/inbound-message.js';
import type { DeskSettings } from '../../desk/desk-settings.js';
import type { Clock } from '../../ports/clock.port.js';
import type { JobScheduler } from '../../ports/job-scheduler.port.js';
import type { PersonRepository } from '../../ports/person.repository.port.js';
import type { NewTicketMessage, TicketRepository } from '../../ports/ticket.repository.port.js';
import { ok, type Result } from '../../shared/result.js';
import { localDate } from '../../shared/local-time.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import type { Actor, TicketEvent } from '../../tickets/ticket-event.js';
import { isOpen } from '../../tickets/ticket-status.js';
import { retryable, type UseCaseError } from '../use-case.errors.js';
import { pipelineNextStep } from '../resume-pipeline/pipeline-next-step.js';
import { newTicketFromMessage } from './new-ticket-from-message.js';

export interface IngestOutcome {
  ticketId: string;
  ticketNumber: string;
  /** A new ticket was opened (false: added to an existing one, or a redelivery). */
  created: boolean;
  /** The message had been ingested before; nothing was written. */
  duplicate: boolean;
}

export interface IngestMessageDeps {
  tickets: TicketRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  clock: Clock;
  desk: Pick<DeskSettings, 'timezone' | 'ticketPrefix'>;
}

/**
 * Turns one inbound message into a new ticket or a follow-up on an open one, exactly once per
 * (channel, externalId). Safe to run again after a crash at any point: a redelivery finds the
 * stored message and only re-emits the next pipeline step if that may have been lost.
 */
export class IngestMessageUseCase {
  constructor(private readonly deps: IngestMessageDeps) {}

  async execute(message: InboundMessage): Promise<Result<IngestOutcome, UseCaseError>> {
    const { tickets } = this.deps;
    // No look-up first: storing the message is the idempotency check (its (channel, externalId) is
    // unique), so a redelivery costs the same single write attempt as a new message.
    const reporter = await this.deps.people.matchSender(message.sender);
    const actor: Actor = { kind: 'reporter', id: reporter?.id ?? null, name: message.sender.name };
    const stored: NewTicketMessage = {
      channel: message.channel,
      externalId: message.externalId,
      direction: 'in',
      senderName: message.sender.name,
      senderPersonId: reporter?.id ?? null,
      subject: message.subject ?? null,
      text: message.text,
      at: message.receivedAt,
      attachments: message.attachments,
    };

    const target = await this.followUpTarget(message);
    if (target) {
      const event = this.event('message_added', actor, message, { externalId: message.externalId });
      const { added } = await tickets.appendMessage(target.id, stored, event);
      if (!added) return this.redelivered(await this.ticketOfStoredMessage(message, target.id));
      return ok({ ticketId: target.id, ticketNumber: target.number, created: false, duplicate: false });
    }

    const now = this.deps.clock.now();
    const outcome = await tickets.create({
      ticket: newTicketFromMessage(message, reporter, now),
      localDate: localDate(now, this.deps.desk.timezone),
      prefix: this.deps.desk.ticketPrefix,
      message: stored,
      event: this.event('created', actor, message, { externalId: message.externalId }),
    });
    if (!outcome.created) return this.redelivered(outcome.ticketId);
    await this.deps.jobs.enqueue({ kind: 'classify', ticketId: outcome.ticket.id });
    return ok({
      ticketId: outcome.ticket.id,
      ticketNumber: outcome.ticket.number,
      created: true,
      duplicate: false,
    });
  }

  /**
   * A message belongs to an open ticket only when its channel says so: an explicit reference the
   * adapter recognised (a mail subject's [INC-…], a chat command) or a reply to one of the ticket's
   * messages. A number merely typed into free text is not enough: on a public form anyone could
   * otherwise attach text to someone else's ticket.
   */
  private async followUpTarget(message: InboundMessage): Promise<Ticket | null> {
    const { tickets } = this.deps;
    const byRef = message.ticketRef ? await tickets.findByNumber(message.ticketRef.toUpperCase()) : null;
    if (byRef && isOpen(byRef.status)) return byRef;
    if (message.inReplyTo) {
      const id = await tickets.findTicketIdByMessage(message.channel, message.inReplyTo);
      const byReply = id ? await tickets.findById(id) : null;
      if (byReply && isOpen(byReply.status)) return byReply;
    }
    return null;
  }

  /** A follow-up whose message was already stored (perhaps on another ticket, first time round). */
  private async ticketOfStoredMessage(message: InboundMessage, fallback: string): Promise<string> {
    return (await this.deps.tickets.findTicketIdByMessage(message.channel, message.externalId)) ?? fallback;
  }

  private async redelivered(ticketId: string): Promise<Result<IngestOutcome, UseCaseError>> {
    const ticket = await this.deps.tickets.findById(ticketId);
    if (!ticket)
      return { ok: false, error: retryable('TICKET_NOT_VISIBLE', `Ticket ${ticketId} not readable yet.`) };
    // The first run may have died part-way: between storing the ticket and queueing its
    // classification, or (steps run inline) anywhere before the acknowledgement was delivered.
    const step = pipelineNextStep(
      ticket,
      ticket.status === 'new' ? [] : await this.deps.tickets.events(ticketId),
    );
    if (step) await this.deps.jobs.enqueue(step);
    return ok({ ticketId, ticketNumber: ticket.number, created: false, duplicate: true });
  }

  private event(
    type: TicketEvent['type'],
    actor: Actor,
    message: InboundMessage,
    data: Record<string, unknown>,
  ): TicketEvent {
    return {
      type,
      at: this.deps.clock.now(),
      actor,
      channel: message.channel,
      fromStatus: null,
      toStatus: type === 'created' ? 'new' : null,
      data,
    };
  }
}
