import { err, ok, type Result } from '../../core/shared/index.js';
import {
  TICKET_ERROR_CODES,
  ticketNotFound,
  type Ticket,
  type TicketError,
  type TicketEvent,
} from '../../core/tickets/index.js';
import { jsonParam } from './json-param.js';
import type { SqlRunner, Statement } from './sql-runner.js';
import { eventJson, TICKET_DATA_COLUMNS, ticketJson } from './ticket-json.js';
import { storedTicket } from './ticket.sql.js';
import { inputCte, insertEventsSql } from './ticket-write.sql.js';

export interface SaveInput {
  ticket: Ticket;
  events: readonly TicketEvent[];
}

/**
 * Conditional updates and their events in one statement: a ticket's events are inserted only
 * with the row its update returned, so a stale or missing ticket writes nothing and returns no
 * row. Two inputs must not name one ticket (the batcher keys on the id).
 *
 * $2 repeats the ids as a text[] so the planner sees how few tickets are touched: it cannot see
 * inside the JSON (a set-returning function is guessed at 100 rows), and with that guess it
 * hashed the input and read every ticket instead of looking a few up by primary key.
 */
const SAVE_TICKETS: Statement = {
  name: 'deskbot_tickets_save',
  text: `with ${inputCte('id text, version integer, ticket jsonb, events jsonb')},
  saved as (
    update tickets t
    set ${TICKET_DATA_COLUMNS.map((c) => `"${c}" = r."${c}"`).join(', ')}, version = t.version + 1
    from input cross join lateral jsonb_populate_record(null::tickets, input.ticket) r
    where t.id = any($2::text[]) and t.id = input.id and t.version = input.version
    returning t.id, t.version, input.events, input.ordinality
  ), appended as (${insertEventsSql({ from: 'saved', ticketId: 'f.id' })})
  select ordinality::int as "ordinality", version from saved`,
};

/** Asked only after a save matched no row: tells a missing ticket from a stale version. */
const TICKET_VERSION: Statement = {
  name: 'deskbot_ticket_version',
  text: 'select version from tickets where id = $1',
};

/** Saves a batch (see SAVE_TICKETS); results in input order. */
export async function saveTickets(
  run: SqlRunner,
  inputs: readonly SaveInput[],
): Promise<Array<Result<Ticket, TicketError>>> {
  const rows = inputs.map(({ ticket, events }) => ({
    id: ticket.id,
    version: ticket.version,
    ticket: ticketJson(ticket),
    events: events.map(eventJson),
  }));
  const saved = new Map(
    (
      await run<{ ordinality: number; version: number }>(SAVE_TICKETS, [
        jsonParam(rows),
        rows.map((r) => r.id),
      ])
    ).map((r) => [r.ordinality, r.version]),
  );
  return Promise.all(
    inputs.map(async ({ ticket }, i) => {
      const version = saved.get(i + 1);
      if (version !== undefined)
        return ok(storedTicket(ticket, { id: ticket.id, number: ticket.number, version }));
      return err(await whyNotSaved(run, ticket));
    }),
  );
}

async function whyNotSaved(run: SqlRunner, ticket: Ticket): Promise<TicketError> {
  const [stored] = await run<{ version: number }>(TICKET_VERSION, [ticket.id]);
  if (!stored) return ticketNotFound(ticket.number);
  return {
    code: TICKET_ERROR_CODES.CONCURRENT_UPDATE,
    message: `Ticket ${ticket.number} was changed meanwhile (version ${stored.version}, not ${ticket.version}); reload and retry.`,
    details: { ticketId: ticket.id, expectedVersion: ticket.version, storedVersion: stored.version },
  };
}
