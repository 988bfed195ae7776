import type { Channel } from '../inbound/channel.js';
import type { InboundAttachment } from '../inbound/inbound-message.js';
import type { Result } from '../shared/result.js';
import type { ModuleType } from '../desk/module-type.js';
import type { NewTicket, Ticket } from '../tickets/ticket.entity.js';
import type { StoredTicketEvent, TicketEvent } from '../tickets/ticket-event.js';
import type { TicketError } from '../tickets/ticket.errors.js';
import type { TicketStatus } from '../tickets/ticket-status.js';

/** One line of a ticket's conversation, in either direction. */
export interface TicketMessage {
  id: number;
  ticketId: string;
  channel: Channel;
  /** Channel-unique id; (channel, externalId) is unique across all tickets: the intake idempotency key. */
  externalId: string;
  direction: 'in' | 'out';
  senderName: string;
  senderPersonId: string | null;
  subject: string | null;
  text: string;
  at: Date;
  attachments: InboundAttachment[];
}
export type NewTicketMessage = Omit<TicketMessage, 'id' | 'ticketId'>;

export interface CreateTicketInput {
  ticket: NewTicket;
  /** Ticket numbers count per day in the desk's time zone: YYYY-MM-DD. */
  localDate: string;
  prefix: string;
  message: NewTicketMessage;
  /** The `created` event (its data may be completed by storage with the number). */
  event: TicketEvent;
}

export interface SaveOptions {
  /**
   * Called as soon as the change is stored, before whatever reacts to stored changes (SLA timers,
   * status pushes) has run, which `save` still waits for: a caller that serialises its saves can let
   * the next one go without holding it back for work that does not touch what it guards.
   */
  onStored?: () => void;
}

export type CreateTicketOutcome =
  | { created: true; ticket: Ticket }
  /** The message was stored before (redelivery): nothing was written. */
  | { created: false; ticketId: string };

export interface TicketFilter {
  status?: TicketStatus[];
  channel?: Channel[];
  category?: ModuleType[];
  assigneeId?: string;
  ownerId?: string;
  limit: number;
  offset: number;
}

export interface TicketRepository {
  findById(id: string): Promise<Ticket | null>;
  findByNumber(number: string): Promise<Ticket | null>;
  /** The ticket a channel message already belongs to (redelivery, reply threading). */
  findTicketIdByMessage(channel: Channel, externalId: string): Promise<string | null>;
  /** Allocates the number and writes ticket, first message and event in one transaction. */
  create(input: CreateTicketInput): Promise<CreateTicketOutcome>;
  /** Adds a message (and its event) to a ticket; `added: false` when the message was already stored. */
  appendMessage(ticketId: string, message: NewTicketMessage, event: TicketEvent): Promise<{ added: boolean }>;
  /**
   * Saves a changed ticket and appends its events atomically, only if the stored version still equals
   * `ticket.version` (then bumps it). A stale write returns TICKET_CONCURRENT_UPDATE.
   */
  save(ticket: Ticket, events: TicketEvent[], options?: SaveOptions): Promise<Result<Ticket, TicketError>>;
  appendEvents(ticketId: string, events: TicketEvent[]): Promise<void>;
  events(ticketId: string): Promise<StoredTicketEvent[]>;
  messages(ticketId: string): Promise<TicketMessage[]>;
  list(filter: TicketFilter): Promise<{ tickets: Ticket[]; total: number }>;
  /** Open tickets currently assigned to each of these people (absent = 0). */
  openCountsByAssignee(personIds: string[]): Promise<Map<string, number>>;
  /** Open tickets each of these desk engineers owns (absent = 0); balances ownership across a shift. */
  openCountsByOwner(personIds: string[]): Promise<Map<string, number>>;
}
