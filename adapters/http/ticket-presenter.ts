import type { Person } from '../../core/desk/index.js';
import type { PersonRepository, TicketMessage } from '../../core/ports/index.js';
import type { StoredTicketEvent, Ticket } from '../../core/tickets/index.js';
import { EVENT_LABELS, STATUS_LABELS } from './html/labels.js';

export interface PersonRef {
  id: string;
  name: string;
}

export type PeopleById = ReadonlyMap<string, Person>;

const ref = (people: PeopleById, id: string | null): PersonRef | null => {
  if (!id) return null;
  const person = people.get(id);
  // A person removed from the roster is still named by id rather than hidden.
  return { id, name: person?.name ?? id };
};

/** The people a few tickets point at, fetched one by one (cheaper than the roster for one ticket). */
export async function peopleFor(repo: PersonRepository, tickets: readonly Ticket[]): Promise<PeopleById> {
  const ids = [...new Set(tickets.flatMap((t) => [t.ownerId, t.assigneeId]).filter((id) => id !== null))];
  const found = await Promise.all(ids.map((id) => repo.findById(id)));
  return new Map(found.filter((p) => p !== null).map((p) => [p.id, p]));
}

export async function allPeople(repo: PersonRepository): Promise<PeopleById> {
  return new Map((await repo.list()).map((p) => [p.id, p]));
}

/** The API view of a ticket: every field, with owner and assignee as `{ id, name }`. */
export function presentTicket(ticket: Ticket, people: PeopleById) {
  const { ownerId, assigneeId, ...fields } = ticket;
  return { ...fields, owner: ref(people, ownerId), assignee: ref(people, assigneeId) };
}

/** Event data is spread first so that it can never overwrite the audit columns. */
export function presentEvent(event: StoredTicketEvent) {
  const { type, at, actor, channel, fromStatus, toStatus, data } = event;
  return { ...data, type, at, actor, channel, fromStatus, toStatus };
}

export function presentMessage(message: TicketMessage) {
  const { ticketId: _ticketId, ...rest } = message;
  return rest;
}

const PUBLIC_EVENT_TYPES = new Set(['created', 'classified', 'triage_needed']);

/**
 * What anyone who knows a ticket number may see: progress and the engineers' names, but nothing
 * about the reporter (name, phone, email, WeChat) nor the free text, which may contain them.
 */
export function presentPublicTicket(
  ticket: Ticket,
  people: PeopleById,
  events: readonly StoredTicketEvent[],
) {
  const name = (id: string | null) => (id ? { name: people.get(id)?.name ?? '工程师' } : null);
  const timeline = events
    .filter((e) => e.toStatus !== null || PUBLIC_EVENT_TYPES.has(e.type))
    .map((e) => ({
      type: e.type,
      label: EVENT_LABELS[e.type],
      at: e.at,
      toStatus: e.toStatus,
      toStatusLabel: e.toStatus ? STATUS_LABELS[e.toStatus] : null,
    }));
  return {
    number: ticket.number,
    status: ticket.status,
    statusLabel: STATUS_LABELS[ticket.status],
    category: ticket.category,
    priority: ticket.priority,
    owner: name(ticket.ownerId),
    assignee: name(ticket.assigneeId),
    /** Dispatch found nobody suitable; the desk will assign by hand. */
    triage: ticket.assigneeId === null && events.some((e) => e.type === 'triage_needed'),
    reportedAt: ticket.reportedAt,
    updatedAt: ticket.updatedAt,
    timeline,
  };
}

export type PublicTicket = ReturnType<typeof presentPublicTicket>;
