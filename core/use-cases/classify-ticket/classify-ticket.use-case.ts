import { DEFAULT_TRIAGE_SETTINGS } from '../../classify/triage-settings.js';
import { routeAfterClassify, type TriageRoute } from '../../classify/triage-route.js';
import type { DeskSettings } from '../../desk/desk-settings.js';
import type { Person } from '../../desk/person.js';
import type { Channel } from '../../inbound/channel.js';
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
import { reporterAcknowledgement, triageAlerts } from '../dispatch-ticket/dispatch-notifications.js';
import { permanent, retryable, type UseCaseError } from '../use-case.errors.js';
import { applyVerdict, asModuleType, entitiesOf } from './classification-facts.js';
import { rulesOnlySource, type TriageClassifierSource } from './triage-source.js';

export interface ClassifyTicketDeps {
  tickets: TicketRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  tokenizer: Tokenizer;
  clock: Clock;
  desk: Pick<DeskSettings, 'categories' | 'shifts' | 'rota' | 'timezone' | 'sla'> &
    Partial<Pick<DeskSettings, 'people' | 'triage'>>;
  /** The learning classifier in force; keyword rules only when absent. */
  triage?: TriageClassifierSource;
  /** Channels staff can be told on (triage alerts); none → the event log alone records it. */
  enabledChannels?: ReadonlySet<Channel>;
}

export type ClassifyOutcome =
  | { ticketId: string; category: string; ownerId: string; route: TriageRoute['kind'] }
  | { ticketId: string; skipped: string };

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
  private rulesOnly: TriageClassifierSource | undefined;

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
    const source = (this.deps.triage ?? (this.rulesOnly ??= rulesOnlySource(desk.categories))).current();
    const verdict = source.classifier.classify(text, this.deps.tokenizer.cut(text));
    const entities = entitiesOf(text, { people: desk.people ?? [], triage: desk.triage });
    const chosenByReporter = ticket.category !== null;
    const suggested = asModuleType(verdict.category.value);
    const category = ticket.category ?? suggested;
    const confidence = chosenByReporter ? 1 : verdict.category.confidence;
    const settings = desk.triage ?? DEFAULT_TRIAGE_SETTINGS;
    const route = routeAfterClassify({
      text,
      verdict,
      chosenByReporter,
      threshold: settings.threshold,
      remoteFirst: settings.remoteFirst,
    });

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
        source: chosenByReporter ? 'reporter' : verdict.source,
        modelVersion: source.version,
        suggested,
        suggestedConfidence: verdict.category.confidence,
        top: verdict.category.top,
        evidence: verdict.category.evidence,
        type: verdict.type.value,
        typeConfidence: verdict.type.confidence,
        typeEvidence: verdict.type.evidence,
        priority: verdict.priority.value,
        priorityConfidence: verdict.priority.confidence,
        priorityEvidence: verdict.priority.evidence,
        entities,
        route: route.kind,
      },
    };
    const decided = applyVerdict(ticket, category, confidence, verdict, entities);
    const accepted = transition(decided, 'accept', {
      at: now,
      actor: CLASSIFIER,
      channel: 'system',
      ownerId: owner.value.personId,
      data: { reason: owner.value.reason.summary, offShift: owner.value.reason.offShift },
    });
    if (!accepted.ok) return err(permanent(accepted.error.code, accepted.error.message));

    const events = [classified, accepted.value.event];
    if (route.kind !== 'dispatch')
      events.push({
        type: 'triage_needed',
        at: now,
        actor: CLASSIFIER,
        channel: 'system',
        fromStatus: null,
        toStatus: null,
        data: {
          reason: route.why,
          route: route.kind,
          ...(route.kind === 'desk_triage' ? { suggestions: route.suggestions } : { cue: route.cue }),
        },
      });
    const saved = await tickets.save(accepted.value.ticket, events);
    if (!saved.ok) return err(retryable(saved.error.code, saved.error.message));
    if (route.kind === 'dispatch') await jobs.enqueue({ kind: 'dispatch', ticketId });
    else await this.tellDesk(saved.value, people, owner.value.personId, route);
    return ok({ ticketId, category, ownerId: owner.value.personId, route: route.kind });
  }

  /**
   * The reporter still gets the ticket number at once (no engineer named yet); the owner hears
   * about every ticket left with the desk; managers only about unsure categories.
   */
  private async tellDesk(
    t: Ticket,
    people: Person[],
    ownerId: string,
    route: Exclude<TriageRoute, { kind: 'dispatch' }>,
  ): Promise<void> {
    const owner = people.filter((p) => p.id === ownerId);
    const managers =
      route.kind === 'desk_triage' ? people.filter((p) => p.role === 'manager' && p.active) : [];
    const alerts = triageAlerts(
      t,
      [...owner, ...managers],
      this.deps.enabledChannels ?? new Set(),
      route.why,
    );
    const ack = reporterAcknowledgement(t, owner[0] ?? null, null, this.deps.desk.sla.responseMinutes);
    for (const n of [ack, ...alerts]) await this.deps.jobs.enqueue({ kind: 'notify', notification: n });
  }
}
