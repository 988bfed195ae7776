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
 * One batch of a kind in flight, the next forming meanwhile: batch size follows the load, 1 when
 * calls are sparse and dozens under a burst, each one round trip, one statement to plan and (for
 * writes) one commit. Two in flight were measured slower (pipeline bench, same run: about 130
 * against 160-190 tickets/s, p99 at 150 reports/s 0.8-1.6 s against 0.23-0.32 s): twice the
 * statements for the same tickets, and two write batches waiting on each other's counter rows.
 * Creates serialize on the day counter's row lock anyway.
 */
const ONE_AT_A_TIME = { maxInFlight: 1, maxBatch: 64 };

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
      ONE_AT_A_TIME,
    ),
    byNumber: new Batcher(
      ticketsBy(TICKETS_BY_NUMBER, (row) => row.number),
      ONE_AT_A_TIME,
    ),
    create: new Batcher((inputs) => createTickets(run, inputs), {
      ...ONE_AT_A_TIME,
      key: (input) => messageKey(input.message),
    }),
    save: new Batcher((inputs) => saveTickets(run, inputs), {
      ...ONE_AT_A_TIME,
      key: (input) => input.ticket.id,
    }),
    appendMessage: new Batcher((inputs) => appendMessages(run, inputs), {
      ...ONE_AT_A_TIME,
      key: (input) => messageKey(input.message),
    }),
    appendEvents: new Batcher((inputs) => appendEvents(run, inputs), ONE_AT_A_TIME),
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
    }, ONE_AT_A_TIME),
    openByAssignee: new Batcher(openCounts(OPEN_COUNTS_BY_ASSIGNEE), ONE_AT_A_TIME),
    openByOwner: new Batcher(openCounts(OPEN_COUNTS_BY_OWNER), ONE_AT_A_TIME),
  };
}
