import { getTableColumns } from 'drizzle-orm';
import type { NewTicket, Ticket, TicketEvent } from '../../core/tickets/index.js';
import { bindColumns, selectList } from './sql-columns.js';
import type { Statement } from './sql-runner.js';
import { OPEN_STATUSES } from '../../core/tickets/index.js';
import { ticketEvents, tickets } from './schema/index.js';
import { eventsJson, insertEventsSql } from './ticket-event.sql.js';
import { ticketToColumns, type TicketColumns } from './ticket.mapper.js';

const IDENTITY = new Set(['id', 'number', 'version']);
/** Every column a ticket's content fills: all but id, number and version. */
export const ticketData = bindColumns(
  tickets,
  Object.keys(getTableColumns(tickets)).filter((k) => !IDENTITY.has(k)) as Array<keyof TicketColumns>,
);

const TICKET_SELECT = selectList(tickets);

export const TICKET_BY_ID: Statement = {
  name: 'deskbot_ticket_by_id',
  text: `select ${TICKET_SELECT} from tickets where id = $1`,
};

export const TICKET_BY_NUMBER: Statement = {
  name: 'deskbot_ticket_by_number',
  text: `select ${TICKET_SELECT} from tickets where number = $1`,
};

export const TICKET_EVENTS: Statement = {
  name: 'deskbot_ticket_events',
  text: `select ${selectList(ticketEvents)} from ticket_events where ticket_id = $1 order by id`,
};

/** The open statuses are constants of the code, spelled into the text so the plan knows them. */
const OPEN = OPEN_STATUSES.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ');
const openCounts = (column: 'assignee_id' | 'owner_id'): Statement => ({
  name: `deskbot_ticket_open_by_${column}`,
  text: `select ${column} as "personId", count(*)::int as open from tickets
    where ${column} = any($1::text[]) and status in (${OPEN})
    group by ${column}`,
});
/** Params: the person ids as one text[]. */
export const OPEN_COUNTS_BY_ASSIGNEE = openCounts('assignee_id');
export const OPEN_COUNTS_BY_OWNER = openCounts('owner_id');

export const ticketDataParams = (t: NewTicket): unknown[] => ticketData.params(ticketToColumns(t));

/**
 * Update and events in one statement: the events are inserted only for a row the conditional
 * update returned, so a stale or missing ticket writes nothing and returns no row.
 * Params: id, expected version, the ticket's data columns, events JSON.
 */
export const SAVE_TICKET: Statement = {
  name: 'deskbot_ticket_save',
  text: `with saved as (
    update tickets set ${ticketData.assignments(3)}, version = version + 1
    where id = $1 and version = $2
    returning id, version
  ), appended as (
    ${insertEventsSql({ param: `$${3 + ticketData.size}`, ticketId: 'saved.id', from: 'saved' })}
  )
  select version from saved`,
};

export const saveTicketParams = (t: Ticket, events: readonly TicketEvent[]): unknown[] => [
  t.id,
  t.version,
  ...ticketDataParams(t),
  eventsJson(events),
];

/** Asked only after a save matched no row: tells a missing ticket from a stale version. */
export const TICKET_VERSION: Statement = {
  name: 'deskbot_ticket_version',
  text: 'select version from tickets where id = $1',
};

/** Params: ticket id, events JSON. */
export const APPEND_EVENTS: Statement = {
  name: 'deskbot_ticket_append_events',
  text: insertEventsSql({ param: '$2', ticketId: '$1::text' }),
};

/**
 * The ticket as stored after a write of `t`: its columns are exactly what was written, so the
 * row need not be read back. Nested values are copied so the caller's object is not shared.
 */
export function storedTicket(t: NewTicket, identity: Pick<Ticket, 'id' | 'number' | 'version'>): Ticket {
  return {
    ...t,
    ...identity,
    reporter: { ...t.reporter },
    resolution: {
      ...t.resolution,
      parts: [...t.resolution.parts],
      consumables: [...t.resolution.consumables],
    },
  };
}
