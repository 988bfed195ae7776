import type { Channel } from '../../inbound/channel.js';
import type { Clock } from '../../ports/clock.port.js';
import type { JobScheduler, Notification } from '../../ports/job-scheduler.port.js';
import type { Logger } from '../../ports/logger.port.js';
import type { PersonRepository } from '../../ports/person.repository.port.js';
import type { TicketChange, TicketChangeListener } from '../../ports/ticket-change.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import type { StoredTimer, TimerHandler, TimerScheduler } from '../../ports/timer-scheduler.port.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import { SYSTEM } from '../../tickets/ticket-event.js';
import { transition } from '../../tickets/ticket-lifecycle.js';
import { complaintOffer, lowRatingAlerts, ratingQuestion } from './satisfaction-notifications.js';
import {
  AUTO_CLOSE_KIND,
  FOLLOWUP_FAMILY,
  hoursLater,
  LOW_RATING,
  RATING_REMINDER_KIND,
  type SatisfactionSettings,
} from './satisfaction-settings.js';

export interface SatisfactionDeps {
  tickets: TicketRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  timers: TimerScheduler;
  clock: Clock;
  settings: SatisfactionSettings;
  enabledChannels: ReadonlySet<Channel>;
  /** Base of the rating links in mails; null → the mail names the page path. */
  publicUrl: string | null;
  logger?: Logger;
}

const FOLLOWER = SYSTEM('satisfaction');
const ENDS_FOLLOW_UP = new Set(['reopened', 'closed', 'cancelled', 'rated']);

/**
 * 满意度回访: when a ticket is resolved the reporter is asked for a rating in their own channel, is
 * reminded after `reminderHours`, and the ticket closes by itself after `autoCloseHours` without
 * one. A rating of 2 or less alerts the managers and offers the reporter the complaint path.
 * Timers are keyed per ticket and carry the resolution instant, so a stale one (the ticket was
 * reopened and resolved again, or rated meanwhile) does nothing.
 */
export class SatisfactionFollowUp implements TicketChangeListener, TimerHandler {
  readonly name = 'satisfaction';
  readonly family = FOLLOWUP_FAMILY;

  constructor(private readonly deps: SatisfactionDeps) {}

  async onChange({ ticket, events }: TicketChange): Promise<void> {
    if (ticket.status === 'resolved' && events.some((e) => e.type === 'resolved')) await this.ask(ticket);
    if (events.some((e) => ENDS_FOLLOW_UP.has(e.type))) await this.stopTimers(ticket);
    const rated = events.some(
      (e) => e.type === 'rated' || (e.type === 'closed' && typeof e.data.rating === 'number'),
    );
    if (rated && ticket.rating !== null && ticket.rating <= LOW_RATING) await this.dissatisfied(ticket);
  }

  /** Start-up: resolved tickets whose follow-up never got its timers (the process died in between). */
  async reconcile(): Promise<{ checked: number }> {
    let checked = 0;
    for (let offset = 0; ; offset += 200) {
      const page = await this.deps.tickets.list({ status: ['resolved'], limit: 200, offset });
      for (const t of page.tickets) if (t.rating === null) await this.ask(t);
      checked += page.tickets.length;
      if (page.tickets.length < 200) return { checked };
    }
  }

  async fire(timer: StoredTimer, firedAt: Date): Promise<void> {
    const t = await this.deps.tickets.findById(timer.ticketId);
    if (!t || t.status !== 'resolved' || t.rating !== null) return;
    if (t.resolvedAt?.toISOString() !== timer.data.resolvedAt) return;
    if (timer.kind === RATING_REMINDER_KIND) {
      await this.send([ratingQuestion(t, this.deps.enabledChannels, this.deps.publicUrl, true)]);
    } else if (timer.kind === AUTO_CLOSE_KIND) {
      await this.autoClose(t, firedAt);
    } else {
      this.deps.logger?.warn({ kind: timer.kind }, 'unknown follow-up timer kind');
    }
  }

  private async ask(t: Ticket): Promise<void> {
    const resolvedAt = t.resolvedAt ?? this.deps.clock.now();
    const data = { resolvedAt: resolvedAt.toISOString(), number: t.number };
    const { reminderHours, autoCloseHours } = this.deps.settings;
    await this.send([ratingQuestion(t, this.deps.enabledChannels, this.deps.publicUrl, false)]);
    if (reminderHours < autoCloseHours)
      await this.deps.timers.schedule({
        ticketId: t.id,
        kind: RATING_REMINDER_KIND,
        n: 0,
        dueAt: hoursLater(resolvedAt, reminderHours),
        data,
      });
    await this.deps.timers.schedule({
      ticketId: t.id,
      kind: AUTO_CLOSE_KIND,
      n: 0,
      dueAt: hoursLater(resolvedAt, autoCloseHours),
      data,
    });
  }

  private async stopTimers(t: Ticket): Promise<void> {
    await this.deps.timers.cancel({ ticketId: t.id, kind: RATING_REMINDER_KIND, n: 0 });
    await this.deps.timers.cancel({ ticketId: t.id, kind: AUTO_CLOSE_KIND, n: 0 });
  }

  private async autoClose(t: Ticket, at: Date): Promise<void> {
    const closed = transition(t, 'close', {
      at,
      actor: FOLLOWER,
      channel: 'system',
      data: { reason: 'no rating', autoClosed: true, afterHours: this.deps.settings.autoCloseHours },
    });
    if (!closed.ok) return;
    const saved = await this.deps.tickets.save(closed.value.ticket, [closed.value.event]);
    // Thrown, the timer job is retried and looks again: a rating that won the race ends it there.
    if (!saved.ok) throw new Error(saved.error.message);
  }

  private async dissatisfied(t: Ticket): Promise<void> {
    const people = await this.deps.people.list();
    const managers = people.filter((p) => p.role === 'manager' && p.active);
    const engineer = people.find((p) => p.id === t.assigneeId) ?? null;
    await this.send([
      ...lowRatingAlerts(t, managers, engineer, this.deps.enabledChannels),
      complaintOffer(t, this.deps.enabledChannels),
    ]);
  }

  private async send(notifications: Notification[]): Promise<void> {
    for (const n of notifications) await this.deps.jobs.enqueue({ kind: 'notify', notification: n });
  }
}
