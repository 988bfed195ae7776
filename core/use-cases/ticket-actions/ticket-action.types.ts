import type { Channel } from '../../inbound/channel.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import type { Actor, TicketEvent } from '../../tickets/ticket-event.js';

/** What to do to a ticket. Channel-neutral: chat commands, the API, the SLA timers and the web use these. */
export type TicketActionRequest =
  /** 接单: the engineer responds. */
  | { action: 'acknowledge' }
  /** 到达: on site (work starts); responds first when the engineer had not yet. */
  | { action: 'arrive' }
  /** 进展: a work-log line, no status change. */
  | { action: 'note'; text: string }
  | { action: 'pend'; reason: string }
  | { action: 'resume' }
  /** 转派 to a named engineer (re-routing counts against first-time-correct dispatch). */
  | { action: 'reassign'; assigneeId: string; reason: string | null }
  /** 升级: to a higher-level engineer with the skill, chosen as dispatch chooses. */
  | { action: 'escalate'; reason: string }
  | {
      action: 'resolve';
      process: string;
      parts: string[];
      consumables: string[];
      /** null: inferred, on site if the engineer arrived, else remote. */
      remote: boolean | null;
    }
  | { action: 'cancel'; reason: string | null }
  /** The reporter's rating 5 非常满意 … 1 非常不满意; closes a resolved ticket. */
  | { action: 'rate'; rating: number; comment: string | null };

export type TicketActionName = TicketActionRequest['action'];

export const TICKET_ACTION_REQUEST_NAMES = [
  'acknowledge',
  'arrive',
  'note',
  'pend',
  'resume',
  'reassign',
  'escalate',
  'resolve',
  'cancel',
  'rate',
] as const satisfies readonly TicketActionName[];

export interface TicketActionInput {
  /** By id (workers, SLA timers) or by number (chat, API). */
  ticket: { id: string } | { number: string };
  /** Who acts: a person, the reporter, or the system (e.g. SYSTEM('sla') escalating at a breach). */
  actor: Actor;
  channel: Channel | 'system';
  request: TicketActionRequest;
}

export interface TicketActionDone {
  /** The ticket as stored after the action. */
  ticket: Ticket;
  /** The events the action appended, in order. */
  events: TicketEvent[];
}
