import type { Channel } from '../../inbound/channel.js';
import type { DeskSettings } from '../../desk/desk-settings.js';
import type { Person } from '../../desk/person.js';
import { chooseAssignee } from '../../dispatch/choose-assignee.js';
import { peopleOnShift } from '../../dispatch/shift-calendar.js';
import type { Clock } from '../../ports/clock.port.js';
import type { JobScheduler, Notification } from '../../ports/job-scheduler.port.js';
import type { PersonRepository } from '../../ports/person.repository.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import { KeyedMutex } from '../../shared/keyed-mutex.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import { SYSTEM } from '../../tickets/ticket-event.js';
import { transition } from '../../tickets/ticket-lifecycle.js';
import { permanent, retryable, type UseCaseError } from '../use-case.errors.js';
import { engineerPrompt, reporterAcknowledgement, triageAlerts } from './dispatch-notifications.js';

export interface DispatchTicketDeps {
  tickets: TicketRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  clock: Clock;
  desk: Pick<DeskSettings, 'shifts' | 'rota' | 'timezone' | 'sla'>;
  /** Channels this installation can deliver on; staff are only told where they can be reached. */
  enabledChannels: ReadonlySet<Channel>;
}

export type DispatchOutcome =
  | { ticketId: string; assigneeId: string }
  | { ticketId: string; triage: string }
  | { ticketId: string; skipped: string };

const DISPATCHER = SYSTEM('dispatcher');

/**
 * Sends an accepted ticket to the field engineer with the skill, the area, the shift and the
 * lightest load (派单), then tells the reporter and the engineer. With nobody suitable the ticket
 * stays with its desk owner for manual dispatch and the owner and the managers are told why.
 */
export class DispatchTicketUseCase {
  private readonly choosing = new KeyedMutex();

  constructor(private readonly deps: DispatchTicketDeps) {}

  async execute(ticketId: string): Promise<Result<DispatchOutcome, UseCaseError>> {
    const { tickets } = this.deps;
    const ticket = await tickets.findById(ticketId);
    if (!ticket) return err(permanent('TICKET_NOT_FOUND', `No ticket ${ticketId}.`));
    const people = await this.deps.people.list();
    const byId = new Map(people.map((p) => [p.id, p]));
    if (ticket.status !== 'accepted') {
      // An earlier run may have saved the dispatch and died before the notifications were queued.
      if (ticket.status === 'dispatched' && ticket.assigneeId) await this.announce(ticket, byId);
      return ok({ ticketId, skipped: `status is ${ticket.status}` });
    }

    // Choosing by workload and recording the choice must not interleave with another choice for the
    // same kind of work, or a burst of printer reports would all see the same loads and pile onto one
    // engineer. Serialised per category within this process; other categories go on side by side.
    // The turn ends once the choice is stored: what reacts to the save (SLA timers) changes no load,
    // and holding the next choice back for it made a burst of one kind queue up here.
    const release = await this.choosing.acquire(ticket.category ?? '其他');
    const decided = await this.decide(ticket, people, release).finally(release);
    if (!decided.ok) return decided;
    if ('noAssignee' in decided.value) {
      const { message, rejected } = decided.value.noAssignee;
      return this.leaveWithDesk(ticket, byId, message, rejected);
    }
    await this.announce(decided.value.saved, byId);
    return ok({ ticketId, assigneeId: decided.value.saved.assigneeId ?? '' });
  }

  private async decide(
    ticket: Ticket,
    people: Person[],
    onStored: () => void,
  ): Promise<
    Result<{ saved: Ticket } | { noAssignee: { message: string; rejected: unknown[] } }, UseCaseError>
  > {
    const { tickets, clock, desk } = this.deps;
    const now = clock.now();
    const engineers = people.filter((p) => p.role === 'engineer').map((p) => p.id);
    const choice = chooseAssignee({
      category: ticket.category ?? '其他',
      location: ticket.location ?? ticket.reporter.officeLocation,
      people,
      onShift: peopleOnShift(desk, now),
      openCounts: await tickets.openCountsByAssignee(engineers),
    });
    if (!choice.ok)
      return ok({ noAssignee: { message: choice.error.message, rejected: choice.error.rejected } });

    const moved = transition(ticket, 'dispatch', {
      at: now,
      actor: DISPATCHER,
      channel: 'system',
      assigneeId: choice.value.personId,
      // Provisional: the first dispatch is first-time-correct until a reassignment says otherwise
      // (KPIs count a ticket as correct when dispatchCount stays 1 and no `reassigned` event follows).
      data: {
        reason: choice.value.reason,
        dispatchNumber: ticket.dispatchCount + 1,
        firstTimeCorrect: ticket.dispatchCount === 0,
      },
    });
    if (!moved.ok) return err(permanent(moved.error.code, moved.error.message));
    const saved = await tickets.save(moved.value.ticket, [moved.value.event], { onStored });
    if (!saved.ok) return err(retryable(saved.error.code, saved.error.message));
    return ok({ saved: saved.value });
  }

  private async announce(t: Ticket, byId: Map<string, Person>): Promise<void> {
    const owner = t.ownerId ? (byId.get(t.ownerId) ?? null) : null;
    const assignee = t.assigneeId ? (byId.get(t.assigneeId) ?? null) : null;
    const minutes = this.deps.desk.sla.responseMinutes;
    const out: Array<Notification | null> = [reporterAcknowledgement(t, owner, assignee, minutes)];
    if (assignee) out.push(engineerPrompt(t, assignee, owner, this.deps.enabledChannels, minutes));
    await this.send(out);
  }

  private async leaveWithDesk(
    t: Ticket,
    byId: Map<string, Person>,
    why: string,
    rejected: unknown[],
  ): Promise<Result<DispatchOutcome, UseCaseError>> {
    // Not just the last event: a delivered acknowledgement or a follow-up may have come after it.
    // No action leads back to accepted, so any triage in the history is this one.
    const history = await this.deps.tickets.events(t.id);
    if (!history.some((e) => e.type === 'triage_needed')) {
      await this.deps.tickets.appendEvents(t.id, [
        {
          type: 'triage_needed',
          at: this.deps.clock.now(),
          actor: DISPATCHER,
          channel: 'system',
          fromStatus: null,
          toStatus: null,
          data: { reason: why, rejected },
        },
      ]);
    }
    const owner = t.ownerId ? (byId.get(t.ownerId) ?? null) : null;
    const managers = [...byId.values()].filter((p) => p.role === 'manager' && p.active);
    const staff = owner ? [owner, ...managers.filter((m) => m.id !== owner.id)] : managers;
    await this.send([
      reporterAcknowledgement(t, owner, null, this.deps.desk.sla.responseMinutes),
      ...triageAlerts(t, staff, this.deps.enabledChannels, why),
    ]);
    return ok({ ticketId: t.id, triage: why });
  }

  private async send(notifications: Array<Notification | null>): Promise<void> {
    for (const n of notifications) if (n) await this.deps.jobs.enqueue({ kind: 'notify', notification: n });
  }
}
