import type { Channel } from '../inbound/channel.js';
import type { TicketStatus } from './ticket-status.js';

export type ActorKind = 'person' | 'reporter' | 'system';
export interface Actor {
  kind: ActorKind;
  /** Person id for people; a component name for the system (classifier, dispatcher). */
  id: string | null;
  name: string;
}
export const SYSTEM = (component: string): Actor => ({ kind: 'system', id: component, name: component });

export const TICKET_EVENT_TYPES = [
  'created',
  'message_added',
  'classified',
  'accepted',
  'dispatched',
  'reassigned',
  'acknowledged',
  'started',
  'pended',
  'resumed',
  'resolved',
  'reopened',
  'closed',
  'cancelled',
  'triage_needed',
  'notified',
  'field_changed',
  /** 进展: a work-log note by the engineer. */
  'noted',
  /** The engineer left the site (on-site time ends). */
  'departed',
  'escalated',
  /** The desk corrected the category: a labelled example for the classifier. */
  'reclassified',
  'rated',
  'sla_reminder',
  'sla_breached',
  /** 交接班: ownership passed to the next shift's desk engineer. */
  'handed_over',
  /** A step of the complaint process (data.step says which). */
  'complaint',
  /** A phone call was linked to the ticket. */
  'call_linked',
  /** A monitoring alert fired again or resolved. */
  'alert',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/** One line of the append-only audit trail: who did what, when, through which channel. */
export interface TicketEvent {
  type: TicketEventType;
  at: Date;
  actor: Actor;
  channel: Channel | 'system';
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  /** What changed and why (e.g. the dispatch reason, the classifier's evidence). */
  data: Record<string, unknown>;
}

export interface StoredTicketEvent extends TicketEvent {
  id: number;
  ticketId: string;
}
