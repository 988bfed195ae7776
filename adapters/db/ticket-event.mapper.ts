import type { StoredTicketEvent, TicketEvent } from '../../core/tickets/index.js';
import type { TicketEventRow } from './schema/index.js';

export function eventToColumns(ticketId: string, e: TicketEvent) {
  return {
    ticketId,
    type: e.type,
    at: e.at,
    actorKind: e.actor.kind,
    actorId: e.actor.id,
    actorName: e.actor.name,
    channel: e.channel,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    data: e.data,
  };
}

export function rowToEvent(r: TicketEventRow): StoredTicketEvent {
  return {
    id: r.id,
    ticketId: r.ticketId,
    type: r.type,
    at: r.at,
    actor: { kind: r.actorKind, id: r.actorId, name: r.actorName },
    channel: r.channel,
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    data: r.data,
  };
}
