import type { Logger } from '../../ports/logger.port.js';
import type { TicketChange, TicketChangeListener } from '../../ports/ticket-change.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import type { StoredTimer, TimerScheduler } from '../../ports/timer-scheduler.port.js';
import type { SlaDesk } from '../../sla/sla-desk.js';
import { planSlaTimers, SLA_FAMILY } from '../../sla/sla-plan.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import type { TicketEvent } from '../../tickets/ticket-event.js';
import { sameJson } from '../../shared/same-json.js';
import { OPEN_STATUSES } from '../../tickets/ticket-status.js';

export interface SyncSlaTimersDeps {
  tickets: Pick<TicketRepository, 'events' | 'list' | 'findById'>;
  timers: TimerScheduler;
  sla: SlaDesk;
  logger?: Logger;
}

export interface SlaSyncSummary {
  scheduled: number;
  cancelled: number;
}

const key = (kind: string, n: number): string => `${kind}#${n}`;

/** Same due time and same data. */
const sameTimer = (had: StoredTimer, w: { dueAt: Date; data: object }): boolean =>
  had.dueAt.getTime() === w.dueAt.getTime() && sameJson(had.data, JSON.parse(JSON.stringify(w.data)));

/**
 * Keeps a ticket's SLA timers equal to what its state calls for (planSlaTimers): after every
 * stored change (dispatched, reassigned, acknowledged, started, pended, resumed, resolved, closed,
 * cancelled) and, at start-up, for every open ticket. Timers that already fired stay fired: a
 * reminder is sent once per window, even if a pause later moves that window.
 */
export class SyncSlaTimersUseCase implements TicketChangeListener {
  readonly name = 'sla-timers';

  constructor(private readonly deps: SyncSlaTimersDeps) {}

  async onChange(change: TicketChange): Promise<void> {
    // Notes, deliveries and ratings move no clock.
    const moves = change.events.some(
      (e) => e.toStatus !== null || e.type === 'created' || e.type === 'field_changed',
    );
    if (!moves) return;
    // A ticket just created has no other events and no timers yet: nothing to read back.
    const created = change.events.some((e) => e.type === 'created');
    await this.sync(change.ticket, created ? { events: change.events, existing: [] } : undefined);
  }

  async sync(
    ticket: Ticket,
    known?: { events: readonly TicketEvent[]; existing: StoredTimer[] },
  ): Promise<SlaSyncSummary> {
    const { timers, sla } = this.deps;
    const events = known?.events ?? (await this.deps.tickets.events(ticket.id));
    const { rules, calendar } = sla.rulesFor(ticket);
    const wanted = planSlaTimers(ticket, events, rules, calendar);
    const existing = known?.existing ?? (await timers.list(ticket.id, `${SLA_FAMILY}.`));
    const byKey = new Map(existing.map((t) => [key(t.kind, t.n), t]));
    const wantedKeys = new Set(wanted.map((w) => key(w.kind, w.n)));
    let cancelled = 0;
    for (const t of existing)
      if (t.state === 'pending' && !wantedKeys.has(key(t.kind, t.n)) && (await timers.cancel(t))) cancelled++;
    // Only what is new or moved is written: every change re-plans every timer, and most stay put.
    const changed = wanted.filter((w) => {
      const had = byKey.get(key(w.kind, w.n));
      if (had && (had.state === 'fired' || had.state === 'firing')) return false;
      return !(had?.state === 'pending' && sameTimer(had, w));
    });
    await timers.scheduleMany(
      changed.map((w) => ({
        ticketId: ticket.id,
        kind: w.kind,
        n: w.n,
        dueAt: w.dueAt,
        data: { ...w.data },
      })),
    );
    const scheduled = changed.length;
    return { scheduled, cancelled };
  }

  /** Start-up: repairs timers of open tickets whose change listener never ran (a crash in between). */
  async syncOpenTickets(pageSize = 200): Promise<{ tickets: number } & SlaSyncSummary> {
    const total = { tickets: 0, scheduled: 0, cancelled: 0 };
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.deps.tickets.list({ status: [...OPEN_STATUSES], limit: pageSize, offset });
      for (const t of page.tickets) {
        const s = await this.sync(t);
        total.tickets++;
        total.scheduled += s.scheduled;
        total.cancelled += s.cancelled;
      }
      if (page.tickets.length < pageSize) break;
    }
    return total;
  }
}
