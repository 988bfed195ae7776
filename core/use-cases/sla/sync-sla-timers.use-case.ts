import type { Logger } from '../../ports/logger.port.js';
import type { TicketChange, TicketChangeListener } from '../../ports/ticket-change.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import type { TimerScheduler } from '../../ports/timer-scheduler.port.js';
import type { SlaDesk } from '../../sla/sla-desk.js';
import { planSlaTimers, SLA_FAMILY } from '../../sla/sla-plan.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
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
    if (moves) await this.sync(change.ticket);
  }

  async sync(ticket: Ticket): Promise<SlaSyncSummary> {
    const { timers, sla } = this.deps;
    const events = await this.deps.tickets.events(ticket.id);
    const { rules, calendar } = sla.rulesFor(ticket);
    const wanted = planSlaTimers(ticket, events, rules, calendar);
    const existing = await timers.list(ticket.id, `${SLA_FAMILY}.`);
    const byKey = new Map(existing.map((t) => [key(t.kind, t.n), t]));
    const wantedKeys = new Set(wanted.map((w) => key(w.kind, w.n)));
    let cancelled = 0;
    for (const t of existing)
      if (t.state === 'pending' && !wantedKeys.has(key(t.kind, t.n)) && (await timers.cancel(t))) cancelled++;
    let scheduled = 0;
    for (const w of wanted) {
      const had = byKey.get(key(w.kind, w.n));
      if (had && (had.state === 'fired' || had.state === 'firing')) continue;
      await timers.schedule({
        ticketId: ticket.id,
        kind: w.kind,
        n: w.n,
        dueAt: w.dueAt,
        data: { ...w.data },
      });
      scheduled++;
    }
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
