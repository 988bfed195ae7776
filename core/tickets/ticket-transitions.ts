import type { TicketStatus } from './ticket-status.js';

/**
 * The ticket lifecycle as data. Every status change goes through this table; nothing else
 * decides whether a move is allowed.
 *
 *   new → accepted → dispatched → acknowledged → in_progress ⇄ pending → resolved → closed
 *   (and cancelled from any open status)
 */
export const TICKET_ACTIONS = {
  /** The desk registers the report and becomes overall owner. */
  accept: { from: ['new'], to: 'accepted' },
  /** Sent to a field engineer, who becomes current assignee. */
  dispatch: { from: ['accepted'], to: 'dispatched' },
  /** Sent to another engineer (re-route or escalation); counts against first-time-correct dispatch. */
  reassign: { from: ['dispatched', 'acknowledged', 'in_progress', 'pending'], to: 'dispatched' },
  /** The engineer responds (the 10-minute rule). */
  acknowledge: { from: ['dispatched'], to: 'acknowledged' },
  /** Work starts (arrived on site, or remote session begun). */
  start: { from: ['acknowledged'], to: 'in_progress' },
  /** Waiting on the user or a vendor. */
  pend: { from: ['in_progress'], to: 'pending' },
  resume: { from: ['pending'], to: 'in_progress' },
  /**
   * Fixed: by the desk remotely (from accepted) or by the engineer, also while the ticket waits
   * on the user or the vendor (pending), who may be the one whose answer settles it.
   */
  resolve: { from: ['accepted', 'acknowledged', 'in_progress', 'pending'], to: 'resolved' },
  /** The user says it is not fixed. */
  reopen: { from: ['resolved'], to: 'in_progress' },
  /** Confirmed by the user's rating or by the follow-up timeout. */
  close: { from: ['resolved'], to: 'closed' },
  cancel: {
    from: ['new', 'accepted', 'dispatched', 'acknowledged', 'in_progress', 'pending'],
    to: 'cancelled',
  },
} as const satisfies Record<string, { from: readonly TicketStatus[]; to: TicketStatus }>;

export type TicketAction = keyof typeof TICKET_ACTIONS;
export const TICKET_ACTION_NAMES = Object.keys(TICKET_ACTIONS) as TicketAction[];

export function canApply(action: TicketAction, from: TicketStatus): boolean {
  return (TICKET_ACTIONS[action].from as readonly TicketStatus[]).includes(from);
}

export function targetOf(action: TicketAction): TicketStatus {
  return TICKET_ACTIONS[action].to;
}
