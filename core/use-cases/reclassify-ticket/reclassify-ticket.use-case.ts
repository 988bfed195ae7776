import { MODULE_TYPES, type ModuleType } from '../../desk/module-type.js';
import type { Clock } from '../../ports/clock.port.js';
import type { JobScheduler } from '../../ports/job-scheduler.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import type { TriageModelRepository } from '../../ports/triage-model.repository.port.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { Priority, Ticket, TicketType } from '../../tickets/ticket.entity.js';
import type { Actor, TicketEvent } from '../../tickets/ticket-event.js';
import { classifiableText } from '../classify-ticket/classify-ticket.use-case.js';
import { permanent, retryable, type UseCaseError } from '../use-case.errors.js';

export interface ReclassifyTicketDeps {
  tickets: TicketRepository;
  models: TriageModelRepository;
  jobs: JobScheduler;
  clock: Clock;
}

export interface ReclassifyRequest {
  ticketId: string;
  category: ModuleType;
  type?: TicketType;
  priority?: Priority;
  actor: Actor;
}

export interface ReclassifyOutcome {
  ticket: Ticket;
  event: TicketEvent;
  /** The labelled example the next retrain folds in. */
  correctionId: number;
  /** The ticket was waiting in desk triage, so it goes on to dispatch now. */
  dispatchQueued: boolean;
}

const CLOSED = new Set(['closed', 'cancelled']);
const MODULES = new Set<string>(MODULE_TYPES);

/** Waiting with the desk because the classifier was unsure: accepted, never dispatched, and said so. */
async function waitingInTriage(tickets: TicketRepository, t: Ticket): Promise<boolean> {
  if (t.status !== 'accepted' || t.assigneeId !== null || t.dispatchCount > 0) return false;
  const history = await tickets.events(t.id);
  return history.some((e) => e.type === 'triage_needed' && e.data.route === 'desk_triage');
}

/**
 * The desk says what a ticket really is (服务台确认分类): the ticket takes the category (and type or
 * priority if given), a `reclassified` event records before and after, and the report's text with
 * the desk's label becomes a training example. A ticket left in desk triage then goes to dispatch.
 */
export class ReclassifyTicketUseCase {
  constructor(private readonly deps: ReclassifyTicketDeps) {}

  async execute(request: ReclassifyRequest): Promise<Result<ReclassifyOutcome, UseCaseError>> {
    const { tickets, models, jobs, clock } = this.deps;
    if (!MODULES.has(request.category))
      return err(
        permanent('RECLASSIFY_UNKNOWN_CATEGORY', `未知类别 / unknown category: ${request.category}`),
      );
    const ticket = await tickets.findById(request.ticketId);
    if (!ticket) return err(permanent('TICKET_NOT_FOUND', `No ticket ${request.ticketId}.`));
    if (CLOSED.has(ticket.status))
      return err(
        permanent('RECLASSIFY_TICKET_CLOSED', `${ticket.number} is ${ticket.status}; its category is final.`),
      );
    const toTriage = await waitingInTriage(tickets, ticket);

    const now = clock.now();
    const event: TicketEvent = {
      type: 'reclassified',
      at: now,
      actor: request.actor,
      channel: 'system',
      fromStatus: null,
      toStatus: null,
      data: {
        from: { category: ticket.category, type: ticket.type, priority: ticket.priority },
        to: {
          category: request.category,
          type: request.type ?? ticket.type,
          priority: request.priority ?? ticket.priority,
        },
        classifierWasRight: ticket.category === request.category,
        fromTriage: toTriage,
      },
    };
    const changed: Ticket = {
      ...ticket,
      category: request.category,
      categoryConfidence: 1,
      type: request.type ?? ticket.type,
      priority: request.priority ?? ticket.priority,
    };
    const saved = await tickets.save(changed, [event]);
    if (!saved.ok) return err(retryable(saved.error.code, saved.error.message));
    const correction = await models.addCorrection({
      ticketId: ticket.id,
      text: classifiableText(ticket),
      label: request.category,
      previous: ticket.category,
      actor: `${request.actor.kind}:${request.actor.id ?? request.actor.name ?? '?'}`,
      at: now,
    });
    if (toTriage) await jobs.enqueue({ kind: 'dispatch', ticketId: ticket.id });
    return ok({ ticket: saved.value, event, correctionId: correction.id, dispatchQueued: toTriage });
  }
}
