import type { CreateTicketInput, CreateTicketOutcome } from '../../core/ports/index.js';
import type { Result } from '../../core/shared/index.js';
import type { StoredTicketEvent, Ticket, TicketError } from '../../core/tickets/index.js';
import {
  appendEvents,
  appendMessages,
  type AppendEventsInput,
  type AppendMessageInput,
} from './append-to-ticket.js';
import { Batcher, rowsPerCall, type BatcherOptions, type BatchTurns } from './batcher.js';
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

/** The ticket repository's hot calls; every batcher runs one batch at a time (see Batcher for why). */
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
export function ticketBatches(run: SqlRunner, turns?: BatchTurns): TicketBatches {
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
  // Every batcher here shares the database's turns (PGlite; none on a server).
  const batcher = <I, O>(each: (inputs: I[]) => Promise<O[]>, options: BatcherOptions<I> = {}) =>
    new Batcher(each, { ...options, turns });
  return {
    byId: batcher(ticketsBy(TICKETS_BY_ID, (row) => row.id)),
    byNumber: batcher(ticketsBy(TICKETS_BY_NUMBER, (row) => row.number)),
    // Creates also serialize on the day counter's row lock.
    create: batcher((inputs: CreateTicketInput[]) => createTickets(run, inputs), {
      key: (input) => messageKey(input.message),
    }),
    save: batcher((inputs: SaveInput[]) => saveTickets(run, inputs), { key: (input) => input.ticket.id }),
    appendMessage: batcher((inputs: AppendMessageInput[]) => appendMessages(run, inputs), {
      key: (input) => messageKey(input.message),
    }),
    appendEvents: batcher((inputs: AppendEventsInput[]) => appendEvents(run, inputs)),
    events: batcher(async (ticketIds: string[]) => {
      const rows = await run<TicketEventRow>(TICKET_EVENTS, [[...new Set(ticketIds)]]);
      return rowsPerCall(ticketIds, rows.map(rowToEvent), (e) => e.ticketId);
    }),
    openByAssignee: batcher(openCounts(OPEN_COUNTS_BY_ASSIGNEE)),
    openByOwner: batcher(openCounts(OPEN_COUNTS_BY_OWNER)),
  };
}
