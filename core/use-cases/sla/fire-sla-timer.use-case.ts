import type { Channel } from '../../inbound/channel.js';
import type { DeskSettings } from '../../desk/desk-settings.js';
import type { Person } from '../../desk/person.js';
import type { JobScheduler, Notification } from '../../ports/job-scheduler.port.js';
import type { Logger } from '../../ports/logger.port.js';
import type { PersonRepository } from '../../ports/person.repository.port.js';
import type { SlaBreachLog } from '../../ports/sla-breach-log.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import type { StoredTimer, TimerHandler } from '../../ports/timer-scheduler.port.js';
import type { SlaDesk } from '../../sla/sla-desk.js';
import { parseSlaKind, planSlaTimers, SLA_FAMILY, type SlaTimerData } from '../../sla/sla-plan.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import { SYSTEM, type TicketEventType } from '../../tickets/ticket-event.js';
import type { TicketActionsUseCase } from '../ticket-actions/ticket-actions.use-case.js';
import { breachText, reminderText, staffNotice, TARGET_LABEL, vendorNotice } from './sla-notifications.js';

export interface FireSlaTimerDeps {
  tickets: TicketRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  breaches: SlaBreachLog;
  /** The commands' action use case: `escalate` picks a more senior engineer as dispatch would. */
  actions: Pick<TicketActionsUseCase, 'execute'>;
  sla: SlaDesk;
  desk: Pick<DeskSettings, 'timezone' | 'sla'>;
  enabledChannels: ReadonlySet<Channel>;
  logger?: Logger;
}

const SLA_ACTOR = SYSTEM('sla');

/**
 * What an SLA timer does when due. A reminder tells the engineer (and the desk owner) how much of
 * the window is gone; a breach is recorded (sla_breaches row + `sla_breached` event), escalated to
 * a more senior engineer with the skill or, with none, to the category's vendor, and reported to
 * the owner and the managers. A timer the ticket no longer calls for (its state moved on and the
 * cancel was missed) does nothing. Re-running after a crash repeats nothing: rows and events are
 * checked first, notifications have deterministic ids, and an escalated ticket no longer plans
 * the breach that escalated it.
 */
export class FireSlaTimerUseCase implements TimerHandler {
  readonly family = SLA_FAMILY;

  constructor(private readonly deps: FireSlaTimerDeps) {}

  async fire(timer: StoredTimer, firedAt: Date): Promise<void> {
    const parsed = parseSlaKind(timer.kind);
    const ticket = parsed ? await this.deps.tickets.findById(timer.ticketId) : null;
    if (!parsed || !ticket) return;
    const events = await this.deps.tickets.events(ticket.id);
    const { rules, calendar } = this.deps.sla.rulesFor(ticket);
    const current = planSlaTimers(ticket, events, rules, calendar).find(
      (p) => p.kind === timer.kind && p.n === timer.n,
    );
    if (!current) {
      this.deps.logger?.info({ ticketId: ticket.id, kind: timer.kind }, 'sla timer no longer applies');
      return;
    }
    const data = current.data;
    const people = await this.deps.people.list();
    const byId = new Map(people.map((p) => [p.id, p]));
    const already = (type: TicketEventType) =>
      events.some((e) => e.type === type && e.data.timer === timer.kind && e.data.cycle === timer.n);
    if (parsed.step === 'reminder') {
      if (!already('sla_reminder'))
        await this.deps.tickets.appendEvents(ticket.id, [
          this.event('sla_reminder', timer, data, firedAt, {}),
        ]);
      const text = reminderText(ticket, data, this.deps.desk.timezone);
      await this.send(
        this.staff(ticket, byId).map((p) =>
          staffNotice(timer, ticket, p, this.deps.enabledChannels, 'reminder', text),
        ),
      );
      return;
    }
    await this.breach(ticket, timer, data, firedAt, byId, already('sla_breached'));
  }

  private async breach(
    ticket: Ticket,
    timer: StoredTimer,
    data: SlaTimerData,
    firedAt: Date,
    byId: Map<string, Person>,
    eventRecorded: boolean,
  ): Promise<void> {
    const key = { ticketId: ticket.id, target: data.target, cycle: timer.n };
    await this.deps.breaches.record({
      ...key,
      priority: ticket.priority,
      category: ticket.category,
      calendar: data.calendar,
      startedAt: new Date(data.startedAt),
      dueAt: new Date(data.breachAt),
      breachedAt: firedAt,
      assigneeId: ticket.assigneeId,
      ownerId: ticket.ownerId,
      escalatedTo: null,
      vendor: null,
    });
    if (!eventRecorded)
      await this.deps.tickets.appendEvents(ticket.id, [
        this.event('sla_breached', timer, data, firedAt, {
          assigneeId: ticket.assigneeId,
          dueAt: data.breachAt,
        }),
      ]);

    let escalatedTo: Person | null = null;
    let why = '';
    if (ticket.assigneeId) {
      const done = await this.deps.actions.execute({
        ticket: { id: ticket.id },
        actor: SLA_ACTOR,
        channel: 'system',
        request: { action: 'escalate', reason: `SLA ${TARGET_LABEL[data.target]}超时` },
      });
      if (done.ok)
        escalatedTo = done.value.ticket.assigneeId ? (byId.get(done.value.ticket.assigneeId) ?? null) : null;
      else why = done.error.message;
    } else why = '工单尚未派给工程师。';
    const vendor =
      escalatedTo || !ticket.category ? null : (this.deps.desk.sla.vendors?.[ticket.category] ?? null);
    await this.deps.breaches.escalated(key, {
      escalatedTo: escalatedTo?.id ?? null,
      vendor: vendor?.name ?? null,
    });

    const outcome = escalatedTo
      ? `已升级给 ${escalatedTo.name}${escalatedTo.level ? `（L${escalatedTo.level}）` : ''}。`
      : vendor
        ? `无更高级别工程师可接手（${why}），已通知厂商 ${vendor.name}${vendor.phone ? ` ${vendor.phone}` : ''}。`
        : `无法自动升级：${why}请服务台处理。`;
    const text = breachText(ticket, data, outcome);
    const managers = [...byId.values()].filter((p) => p.role === 'manager' && p.active);
    const owner = ticket.ownerId ? byId.get(ticket.ownerId) : undefined;
    const told = [...(owner ? [owner] : []), ...managers.filter((m) => m.id !== owner?.id)];
    if (escalatedTo) told.push(escalatedTo);
    const enabled = this.deps.enabledChannels;
    await this.send([
      ...told.map((p) => staffNotice(timer, ticket, p, enabled, 'breach', text)),
      vendor ? vendorNotice(timer, ticket, vendor, enabled) : null,
    ]);
  }

  /** Reminders go to whoever holds the ticket now and to its desk owner. */
  private staff(t: Ticket, byId: Map<string, Person>): Person[] {
    const ids = [...new Set([t.assigneeId, t.ownerId].filter((id): id is string => Boolean(id)))];
    return ids.map((id) => byId.get(id)).filter((p): p is Person => Boolean(p));
  }

  private event(
    type: 'sla_reminder' | 'sla_breached',
    timer: StoredTimer,
    data: SlaTimerData,
    at: Date,
    extra: Record<string, unknown>,
  ) {
    return {
      type,
      at,
      actor: SLA_ACTOR,
      channel: 'system' as const,
      fromStatus: null,
      toStatus: null,
      data: {
        timer: timer.kind,
        cycle: timer.n,
        target: data.target,
        percent: data.percent,
        minutes: data.minutes,
        calendar: data.calendar,
        startedAt: data.startedAt,
        ...extra,
      },
    };
  }

  private async send(notifications: Array<Notification | null>): Promise<void> {
    for (const n of notifications) if (n) await this.deps.jobs.enqueue({ kind: 'notify', notification: n });
  }
}
