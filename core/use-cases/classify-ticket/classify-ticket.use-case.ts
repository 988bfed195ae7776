import { classifyByRules } from '../../classify/rule-classifier.js';
import type { DeskSettings } from '../../desk/desk-settings.js';
import { chooseOwner } from '../../dispatch/choose-owner.js';
import { peopleOnShift } from '../../dispatch/shift-calendar.js';
import type { Clock } from '../../ports/clock.port.js';
import type { JobScheduler } from '../../ports/job-scheduler.port.js';
import type { PersonRepository } from '../../ports/person.repository.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import type { Tokenizer } from '../../ports/tokenizer.port.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import { SYSTEM, type TicketEvent } from '../../tickets/ticket-event.js';
import { transition } from '../../tickets/ticket-lifecycle.js';
import { permanent, retryable, type UseCaseError } from '../use-case.errors.js';

export interface ClassifyTicketDeps {
  tickets: TicketRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  tokenizer: Tokenizer;
  clock: Clock;
  desk: Pick<DeskSettings, 'categories' | 'shifts' | 'rota' | 'timezone'>;
}

export type ClassifyOutcome =
  { ticketId: string; category: string; ownerId: string } | { ticketId: string; skipped: string };

const CLASSIFIER = SYSTEM('classifier');

/** The text the classifier reads: everything the reporter told us about the fault. */
export const classifiableText = (t: Ticket): string =>
  [t.title, t.description, t.deviceName, t.deviceDescription, t.location].filter(Boolean).join('\n');

/**
 * The desk's acceptance (服务台受理) of a new ticket: decide its module type and make the desk
 * engineer on shift its overall owner, then hand it to dispatch. A category the reporter chose on
 * the form is kept; the classifier's opinion is still recorded next to it.
 */
export class ClassifyTicketUseCase {
  constructor(private readonly deps: ClassifyTicketDeps) {}

  async execute(ticketId: string): Promise<Result<ClassifyOutcome, UseCaseError>> {
    const { tickets, jobs, clock, desk } = this.deps;
    const ticket = await tickets.findById(ticketId);
    if (!ticket) return err(permanent('TICKET_NOT_FOUND', `No ticket ${ticketId}.`));
    if (ticket.status !== 'new') {
      // Already accepted by an earlier run that may have died before queueing dispatch.
      if (ticket.status === 'accepted' && ticket.dispatchCount === 0)
        await jobs.enqueue({ kind: 'dispatch', ticketId });
      return ok({ ticketId, skipped: `status is ${ticket.status}` });
    }

    const text = classifiableText(ticket);
    const verdict = classifyByRules(text, this.deps.tokenizer.cut(text), desk.categories);
    const chosenByReporter = ticket.category !== null;
    const category = ticket.category ?? verdict.category;
    const confidence = chosenByReporter ? 1 : verdict.confidence;

    const now = clock.now();
    const people = await this.deps.people.list();
    const deskIds = people.filter((p) => p.role === 'desk').map((p) => p.id);
    const owner = chooseOwner({
      people,
      onShift: peopleOnShift(desk, now),
      openCounts: await tickets.openCountsByOwner(deskIds),
    });
    if (!owner.ok) return err(permanent(owner.error.code, owner.error.message));

    const classified: TicketEvent = {
      type: 'classified',
      at: now,
      actor: CLASSIFIER,
      channel: 'system',
      fromStatus: null,
      toStatus: null,
      data: {
        category,
        confidence,
        source: chosenByReporter ? 'reporter' : 'rules',
        suggested: verdict.category,
        suggestedConfidence: verdict.confidence,
        evidence: verdict.evidence,
      },
    };
    const accepted = transition({ ...ticket, category, categoryConfidence: confidence }, 'accept', {
      at: now,
      actor: CLASSIFIER,
      channel: 'system',
      ownerId: owner.value.personId,
      data: { reason: owner.value.reason.summary, offShift: owner.value.reason.offShift },
    });
    if (!accepted.ok) return err(permanent(accepted.error.code, accepted.error.message));

    const saved = await tickets.save(accepted.value.ticket, [classified, accepted.value.event]);
    if (!saved.ok) return err(retryable(saved.error.code, saved.error.message));
    await jobs.enqueue({ kind: 'dispatch', ticketId });
    return ok({ ticketId, category, ownerId: owner.value.personId });
  }
}
