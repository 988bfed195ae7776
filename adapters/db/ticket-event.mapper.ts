import type { StoredTicketEvent } from '../../core/tickets/index.js';
import type { TicketEventRow } from './schema/index.js';

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
