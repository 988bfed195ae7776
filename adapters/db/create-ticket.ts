import { randomUUID } from 'node:crypto';
import type { Channel } from '../../core/inbound/index.js';
import type { CreateTicketInput, CreateTicketOutcome } from '../../core/ports/index.js';
import { insertMessageCtes, MESSAGE_PARAM_COUNT, messageParams } from './insert-message.js';
import type { SqlRunner, Statement } from './sql-runner.js';
import { eventsJson, insertEventsSql } from './ticket-event.sql.js';
import { storedTicket, ticketData, ticketDataParams } from './ticket.sql.js';

const DAY = MESSAGE_PARAM_COUNT + 1;
const HEAD = DAY + 1;
const DATA = HEAD + 1;
const EVENT = DATA + ticketData.size;

/**
 * A new ticket, its first message and its `created` event in one statement, hence one transaction
 * and one round trip. The CTEs run in dependency order:
 * 1. `message` is the idempotency gate: a duplicate inserts nothing (a racing one waits at the
 *    unique index for the first to commit), so no later step has a row to work on and no number
 *    is burnt.
 * 2. `counter` increments the day's sequence only for an inserted message. Its row stays locked
 *    until the statement commits, so numbers are gapless, and the lock is held for the rest of
 *    this statement on the server, never across a round trip to the client.
 * 3. the ticket row goes in with its number, and the event records that number. The SQL spells
 *    the number the way core's formatTicketNumber does (prefix-YYYYMMDD-at least 4 digits).
 * The message row names the ticket inserted later in the same statement; foreign keys are checked
 * at the end of the statement, when both exist.
 */
const CREATE_TICKET: Statement = {
  name: 'deskbot_ticket_create',
  text: `with ${insertMessageCtes(1)},
  counter as (
    insert into ticket_counters (day, last)
    select $${DAY}::date, 1 from message
    on conflict (day) do update set last = ticket_counters.last + 1
    returning last
  ), ticket as (
    insert into tickets (id, number, version, ${ticketData.names})
    select $1::text, $${HEAD}::text || lpad(counter.last::text, greatest(4, length(counter.last::text)), '0'),
      1, ${ticketData.values(DATA)}
    from counter
    returning number
  ), created as (
    ${insertEventsSql({
      param: `$${EVENT}`,
      ticketId: '$1::text',
      from: 'ticket',
      data: `coalesce(e.data, '{}'::jsonb) || jsonb_build_object('number', ticket.number)`,
    })}
  )
  select number from ticket`,
};

const TICKET_ID_BY_MESSAGE: Statement = {
  name: 'deskbot_ticket_id_by_message',
  text: 'select ticket_id as "ticketId" from ticket_messages where channel = $1 and external_id = $2',
};

export async function createTicket(run: SqlRunner, input: CreateTicketInput): Promise<CreateTicketOutcome> {
  const id = randomUUID();
  const head = `${input.prefix}-${input.localDate.replaceAll('-', '')}-`;
  const [row] = await run<{ number: string }>(CREATE_TICKET, [
    ...messageParams(id, input.message),
    input.localDate,
    head,
    ...ticketDataParams(input.ticket),
    eventsJson([input.event]),
  ]);
  if (row)
    return { created: true, ticket: storedTicket(input.ticket, { id, number: row.number, version: 1 }) };
  const { channel, externalId } = input.message;
  const ticketId = await findTicketIdByMessage(run, channel, externalId);
  // The conflicting row was committed before ours was skipped, and messages are never deleted.
  if (!ticketId) throw new Error(`Message ${channel}:${externalId} conflicted but cannot be found.`);
  return { created: false, ticketId };
}

export async function findTicketIdByMessage(
  run: SqlRunner,
  channel: Channel,
  externalId: string,
): Promise<string | null> {
  const [row] = await run<{ ticketId: string }>(TICKET_ID_BY_MESSAGE, [channel, externalId]);
  return row?.ticketId ?? null;
}
