import { randomUUID } from 'node:crypto';
import type { Channel } from '../../core/inbound/index.js';
import type { CreateTicketInput, CreateTicketOutcome } from '../../core/ports/index.js';
import { jsonParam } from './json-param.js';
import type { SqlRunner, Statement } from './sql-runner.js';
import { eventJson, MESSAGE_RECORD, messageJson, TICKET_DATA_COLUMNS, ticketJson } from './ticket-json.js';
import { storedTicket } from './ticket.sql.js';
import { inputCte, insertAttachmentsSql, insertEventsSql, insertMessagesSql } from './ticket-write.sql.js';

/**
 * New tickets, each with its first message and `created` event, in one statement: one
 * transaction and one round trip for the whole batch. The CTEs run in dependency order:
 * 1. `message` is the idempotency gate: a duplicate inserts nothing (a racing one waits at the
 *    unique index for the first to commit), so no later step has a row for it and it burns no
 *    number.
 * 2. `counter` adds the day's fresh tickets to its sequence, and `numbered` hands them the block
 *    in batch order. A counter row stays locked until the statement commits, so numbers are
 *    gapless; the lock is held for the rest of this statement on the server, never across a round
 *    trip to the client, and one commit (one WAL flush) serves the whole batch.
 * 3. the ticket rows go in with their numbers, and the events record them. The SQL spells a number
 *    the way core's formatTicketNumber does: prefix-YYYYMMDD-sequence of at least 4 digits.
 * Message rows name tickets inserted later in the same statement; foreign keys are checked at the
 * end of the statement, when both exist.
 */
/** Named, so a column added later with a default gets it rather than the null the JSON lacks. */
const TICKET_COLUMN_LIST = TICKET_DATA_COLUMNS.map((c) => `"${c}"`).join(', ');
const TICKET_VALUE_LIST = TICKET_DATA_COLUMNS.map((c) => `r."${c}"`).join(', ');

const CREATE_TICKETS: Statement = {
  name: 'deskbot_tickets_create',
  plan: 'generic',
  text: `with ${inputCte(`id text, day date, head text, ticket jsonb, events jsonb, ${MESSAGE_RECORD}`)},
  message as (${insertMessagesSql('id')}),
  fresh as (
    select input.*, message.id as message_id,
      row_number() over (partition by input.day order by input.ordinality) as seq,
      count(*) over (partition by input.day) as day_count
    from input join message on message.ticket_id = input.id
  ), counter as (
    insert into ticket_counters (day, last)
    select day, count(*) from fresh group by day
    on conflict (day) do update set last = ticket_counters.last + excluded.last
    returning day, last
  ), numbered as (
    select fresh.*, fresh.head || lpad(s.n::text, greatest(4, length(s.n::text)), '0') as number
    from fresh join counter using (day)
    cross join lateral (select counter.last - fresh.day_count + fresh.seq as n) s
  ), ticket as (
    insert into tickets (id, number, version, ${TICKET_COLUMN_LIST})
    select numbered.id, numbered.number, 1, ${TICKET_VALUE_LIST}
    from numbered cross join lateral jsonb_populate_record(null::tickets, numbered.ticket) r
    order by numbered.ordinality
    returning id, number
  ), attachments as (${insertAttachmentsSql('fresh')}),
  created as (${insertEventsSql({
    from: 'numbered',
    ticketId: 'f.id',
    data: `coalesce(e.data, '{}'::jsonb) || jsonb_build_object('number', f.number)`,
  })})
  select id, number from ticket`,
};

const TICKET_ID_BY_MESSAGE: Statement = {
  name: 'deskbot_ticket_id_by_message',
  text: 'select ticket_id as "ticketId" from ticket_messages where channel = $1 and external_id = $2',
};

/**
 * Creates a batch of tickets (see CREATE_TICKETS); outcomes in input order. Two inputs must not
 * share a message (the batcher keys on it): the second would find the first's ticket uncommitted.
 */
export async function createTickets(
  run: SqlRunner,
  inputs: readonly CreateTicketInput[],
): Promise<CreateTicketOutcome[]> {
  const ids = inputs.map(() => randomUUID());
  const rows = inputs.map((input, i) => ({
    id: ids[i],
    day: input.localDate,
    head: `${input.prefix}-${input.localDate.replaceAll('-', '')}-`,
    ticket: ticketJson(input.ticket),
    events: [eventJson(input.event)],
    ...messageJson(input.message),
  }));
  const created = new Map(
    (await run<{ id: string; number: string }>(CREATE_TICKETS, [jsonParam(rows)])).map((r) => [
      r.id,
      r.number,
    ]),
  );
  return Promise.all(
    inputs.map(async (input, i): Promise<CreateTicketOutcome> => {
      const id = ids[i] as string;
      const number = created.get(id);
      if (number !== undefined)
        return { created: true, ticket: storedTicket(input.ticket, { id, number, version: 1 }) };
      const { channel, externalId } = input.message;
      const ticketId = await findTicketIdByMessage(run, channel, externalId);
      // The conflicting row was committed before ours was skipped, and messages are never deleted.
      if (!ticketId) throw new Error(`Message ${channel}:${externalId} conflicted but cannot be found.`);
      return { created: false, ticketId };
    }),
  );
}

export async function findTicketIdByMessage(
  run: SqlRunner,
  channel: Channel,
  externalId: string,
): Promise<string | null> {
  const [row] = await run<{ ticketId: string }>(TICKET_ID_BY_MESSAGE, [channel, externalId]);
  return row?.ticketId ?? null;
}
