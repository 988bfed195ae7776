import type { TicketStatus } from '../tickets/ticket-status.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import type { TicketEvent } from '../tickets/ticket-event.js';
import type { SlaCalendar } from './sla-calendar.js';
import { SLA_TARGETS, type SlaTarget, type TicketSlaRules } from './sla-rules.js';
import { addWorkingTime, type Pause } from './working-time.js';

export const SLA_FAMILY = 'sla';

/** Stored with each SLA timer: enough for the handler and the breach record without recomputing. */
export interface SlaTimerData {
  target: SlaTarget;
  step: 'reminder' | 'breach';
  /** Percent of the window at which this timer is due (100 for the breach). */
  percent: number;
  startedAt: string;
  /** The breach instant of this window, also on reminders (for "due at" in the text). */
  breachAt: string;
  minutes: number;
  calendar: string;
}

export interface PlannedSlaTimer {
  kind: string;
  n: number;
  dueAt: Date;
  data: SlaTimerData;
}

export const slaKind = (target: SlaTarget, step: 'reminder' | 'breach', index = 0): string =>
  step === 'breach' ? `${SLA_FAMILY}.${target}-breach` : `${SLA_FAMILY}.${target}-reminder-${index}`;

export function parseSlaKind(kind: string): { target: SlaTarget; step: 'reminder' | 'breach' } | null {
  const m = /^sla\.(response|arrival|resolution)-(breach|reminder-\d+)$/.exec(kind);
  if (!m) return null;
  return { target: m[1] as SlaTarget, step: m[2] === 'breach' ? 'breach' : 'reminder' };
}

const STOPPED: readonly TicketStatus[] = ['pending', 'resolved'];

/**
 * When the clock stood still: while the ticket waited on the user or a vendor (pending), and while
 * it was resolved until reopened. Read from the status changes in the event log.
 */
export function pausesOf(
  events: readonly TicketEvent[],
  ticket: Pick<Ticket, 'status' | 'updatedAt'>,
): Pause[] {
  const pauses: Pause[] = [];
  let open: number | null = null;
  for (const e of events) {
    if (!e.toStatus) continue;
    const stops = STOPPED.includes(e.toStatus);
    if (stops && open === null) open = e.at.getTime();
    else if (!stops && open !== null) {
      pauses.push({ start: open, end: e.at.getTime() });
      open = null;
    }
  }
  if (open === null && STOPPED.includes(ticket.status)) open = ticket.updatedAt.getTime();
  if (open !== null) pauses.push({ start: open, end: null });
  return pauses;
}

/** The running window of each target, given where the ticket stands: start, cycle. */
function windows(t: Ticket): Array<{ target: SlaTarget; start: Date; cycle: number }> {
  const out: Array<{ target: SlaTarget; start: Date; cycle: number }> = [];
  if (t.status === 'dispatched' && t.dispatchedAt)
    out.push({ target: 'response', start: t.dispatchedAt, cycle: t.dispatchCount });
  if (t.status === 'acknowledged' && t.dispatchedAt)
    out.push({ target: 'arrival', start: t.dispatchedAt, cycle: t.dispatchCount });
  if (['new', 'accepted', 'dispatched', 'acknowledged', 'in_progress', 'pending'].includes(t.status))
    out.push({ target: 'resolution', start: t.createdAt, cycle: 0 });
  return out.sort((a, b) => SLA_TARGETS.indexOf(a.target) - SLA_TARGETS.indexOf(b.target));
}

/**
 * The SLA timers a ticket should have right now: for each running target its reminders and its
 * breach, placed on the ticket's calendar with paused time added. A stopped clock (pending) has no
 * timers until it runs again; a closed ticket has none at all.
 */
export function planSlaTimers(
  ticket: Ticket,
  events: readonly TicketEvent[],
  rules: TicketSlaRules,
  calendar: SlaCalendar,
): PlannedSlaTimer[] {
  const pauses = pausesOf(events, ticket);
  const out: PlannedSlaTimer[] = [];
  for (const w of windows(ticket)) {
    const minutes = rules.minutes[w.target];
    if (minutes === null) continue;
    const start = w.start.getTime();
    const breach = addWorkingTime(calendar, start, minutes * 60_000, pauses);
    if (breach === null) continue;
    const data = (percent: number, step: 'reminder' | 'breach'): SlaTimerData => ({
      target: w.target,
      step,
      percent,
      startedAt: w.start.toISOString(),
      breachAt: new Date(breach).toISOString(),
      minutes,
      calendar: calendar.name,
    });
    rules.reminderPercents.forEach((percent, i) => {
      const due = addWorkingTime(calendar, start, Math.round((minutes * 60_000 * percent) / 100), pauses);
      if (due === null) return;
      out.push({
        kind: slaKind(w.target, 'reminder', i + 1),
        n: w.cycle,
        dueAt: new Date(due),
        data: data(percent, 'reminder'),
      });
    });
    out.push({
      kind: slaKind(w.target, 'breach'),
      n: w.cycle,
      dueAt: new Date(breach),
      data: data(100, 'breach'),
    });
  }
  return out;
}
