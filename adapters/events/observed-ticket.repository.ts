import type { Logger } from '../../core/ports/logger.port.js';
import type { TicketChange, TicketChangeListener } from '../../core/ports/ticket-change.port.js';
import type {
  CreateTicketInput,
  CreateTicketOutcome,
  NewTicketMessage,
  SaveOptions,
  TicketFilter,
  TicketRepository,
} from '../../core/ports/ticket.repository.port.js';
import type { Result } from '../../core/shared/result.js';
import type { Ticket } from '../../core/tickets/ticket.entity.js';
import type { TicketEvent } from '../../core/tickets/ticket-event.js';
import type { TicketError } from '../../core/tickets/ticket.errors.js';

/**
 * A TicketRepository that tells registered listeners about every ticket it created or saved.
 * Features that react to changes (SLA timers, follow-ups, status pushes) register here instead
 * of every use case having to know about them.
 *
 * A failing listener is logged and does not fail the write that already committed, nor the other
 * listeners: retrying the use case would not re-run it (the change is already stored), so each
 * feature reconciles from stored state at start-up instead.
 */
export class ObservedTicketRepository implements TicketRepository {
  private readonly listeners: TicketChangeListener[] = [];

  constructor(
    private readonly inner: TicketRepository,
    private readonly logger: Logger,
  ) {}

  observe(listener: TicketChangeListener): void {
    this.listeners.push(listener);
  }

  private async notify(change: TicketChange): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener.onChange(change);
      } catch (error) {
        this.logger.error(
          { listener: listener.name, ticketId: change.ticket.id, err: (error as Error).message },
          'ticket change listener failed; start-up reconciliation will repair what it missed',
        );
      }
    }
  }

  async create(input: CreateTicketInput): Promise<CreateTicketOutcome> {
    const outcome = await this.inner.create(input);
    if (outcome.created) await this.notify({ ticket: outcome.ticket, events: [input.event] });
    return outcome;
  }

  async save(
    ticket: Ticket,
    events: TicketEvent[],
    options?: SaveOptions,
  ): Promise<Result<Ticket, TicketError>> {
    const saved = await this.inner.save(ticket, events, options);
    if (saved.ok) await this.notify({ ticket: saved.value, events });
    return saved;
  }

  findById(id: string) {
    return this.inner.findById(id);
  }
  findByNumber(number: string) {
    return this.inner.findByNumber(number);
  }
  findTicketIdByMessage(channel: Ticket['channel'], externalId: string) {
    return this.inner.findTicketIdByMessage(channel, externalId);
  }
  appendMessage(ticketId: string, message: NewTicketMessage, event: TicketEvent) {
    return this.inner.appendMessage(ticketId, message, event);
  }
  appendEvents(ticketId: string, events: TicketEvent[]) {
    return this.inner.appendEvents(ticketId, events);
  }
  events(ticketId: string) {
    return this.inner.events(ticketId);
  }
  messages(ticketId: string) {
    return this.inner.messages(ticketId);
  }
  list(filter: TicketFilter) {
    return this.inner.list(filter);
  }
  openCountsByAssignee(personIds: string[]) {
    return this.inner.openCountsByAssignee(personIds);
  }
  openCountsByOwner(personIds: string[]) {
    return this.inner.openCountsByOwner(personIds);
  }
}
