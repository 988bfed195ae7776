import type { Ticket } from '../tickets/ticket.entity.js';
import type { TicketEvent } from '../tickets/ticket-event.js';

/** A ticket as just stored, with the events stored with it (a status change carries from/to). */
export interface TicketChange {
  ticket: Ticket;
  events: readonly TicketEvent[];
}

/**
 * Reacts to stored ticket changes: SLA timers, status pushes to the reporter, satisfaction
 * follow-ups. Runs after the write committed, so it must be idempotent (deterministic job ids)
 * and must not assume it runs exactly once; start-up reconciliation covers a change whose
 * listener never ran (the process died in between).
 */
export interface TicketChangeListener {
  /** For logs. */
  readonly name: string;
  onChange(change: TicketChange): Promise<void>;
}
