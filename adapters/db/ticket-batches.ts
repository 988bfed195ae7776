import type { CreateTicketInput, CreateTicketOutcome } from '../../core/ports/index.js';
import type { Result } from '../../core/shared/index.js';
import type { StoredTicketEvent, Ticket, TicketError } from '../../core/tickets/index.js';
import {
  appendEvents,
  appendMessages,
  type AppendEventsInput,
  type AppendMessageInput,
} from './append-to-ticket.js';
import { Batcher } from './batcher.js';
import { createTickets } from './create-ticket.js';
import { saveTickets, type SaveInput } from './save-ticket.js';
import type { TicketEventRow, TicketRow } from './schema/index.js';
import type { SqlRunner, Statement } from './sql-runner.js';
import { messageKey } from './ticket-json.js';
import { rowToEvent } from './ticket-event.mapper.js';
import { rowToTicket } from './ticket.mapper.js';
import {
  OPEN_COUNTS_BY_ASSIGNEE,
  OPEN_COUNTS_BY_OWNER,
  TICKET_EVENTS,
  TICKETS_BY_ID,
  TICKETS_BY_NUMBER,
} from './ticket.sql.js';

/**
 * Two batches of a kind in flight: one connection works while the next batch forms. Batch size
 * then follows the load: 1 when calls are sparse, dozens under a burst, each one round trip,
 * one statement to plan and (for writes) one commit.
 */
const PARALLEL = { maxInFlight: 2, maxBatch: 64 };
/** Creates serialize on the day counter's row lock anyway: one batch at a time, the next forming. */
const SERIAL = { maxInFlight: 1, maxBatch: 64 };

export interface TicketBatches {
  byId: Batcher<string, Ticket | null>;
  byNumber: Batcher<string, Ticket | null>;
  create: Batcher<CreateTicketInput, CreateTicketOutcome>;
  save: Batcher<SaveInput, Result<Ticket, TicketError>>;
  appendMessage: Batcher<AppendMessageInput, { added: boolean }>;
  appendEvents: Batcher<AppendEventsInput, void>;
  /** A ticket's whole event log, oldest first. */
  events: Batcher<string, StoredTicketEvent[]>;
  openByAssignee: Batcher<string[], Map<string, number>>;
  openByOwner: Batcher<string[], Map<string, number>>;
}

/** The batchers behind the ticket repository's hot calls (see Batcher). */
export function ticketBatches(run: SqlRunner): TicketBatches {
  const ticketsBy = (statement: Statement, key: (row: TicketRow) => string) => async (keys: string[]) => {
    const rows = await run<TicketRow>(statement, [[...new Set(keys)]]);
    const byKey = new Map(rows.map((row) => [key(row), row]));
    return keys.map((k) => {
      const row = byKey.get(k);
      return row ? rowToTicket(row) : null;
    });
  };
  const openCounts = (statement: Statement) => async (lists: string[][]) => {
    const rows = await run<{ personId: string; open: number }>(statement, [[...new Set(lists.flat())]]);
    const all = new Map(rows.map((row) => [row.personId, row.open]));
    return lists.map((ids) => {
      const counts = new Map<string, number>();
      for (const id of ids) {
        const open = all.get(id);
        if (open !== undefined) counts.set(id, open);
      }
      return counts;
    });
  };
  return {
    byId: new Batcher(
      ticketsBy(TICKETS_BY_ID, (row) => row.id),
      PARALLEL,
    ),
    byNumber: new Batcher(
      ticketsBy(TICKETS_BY_NUMBER, (row) => row.number),
      PARALLEL,
    ),
    create: new Batcher((inputs) => createTickets(run, inputs), {
      ...SERIAL,
      key: (input) => messageKey(input.message),
    }),
    save: new Batcher((inputs) => saveTickets(run, inputs), { ...PARALLEL, key: (input) => input.ticket.id }),
    appendMessage: new Batcher((inputs) => appendMessages(run, inputs), {
      ...PARALLEL,
      key: (input) => messageKey(input.message),
    }),
    appendEvents: new Batcher((inputs) => appendEvents(run, inputs), PARALLEL),
    events: new Batcher(async (ticketIds) => {
      const rows = await run<TicketEventRow>(TICKET_EVENTS, [[...new Set(ticketIds)]]);
      const byTicket = new Map<string, StoredTicketEvent[]>();
      for (const row of rows) {
        const list = byTicket.get(row.ticketId);
        if (list) list.push(rowToEvent(row));
        else byTicket.set(row.ticketId, [rowToEvent(row)]);
      }
      // Two calls for one ticket in one batch each get their own array.
      return ticketIds.map((id) => [...(byTicket.get(id) ?? [])]);
    }, PARALLEL),
    openByAssignee: new Batcher(openCounts(OPEN_COUNTS_BY_ASSIGNEE), PARALLEL),
    openByOwner: new Batcher(openCounts(OPEN_COUNTS_BY_OWNER), PARALLEL),
  };
}
