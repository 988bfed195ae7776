import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { CreateTicketInput, CreateTicketOutcome } from '../../core/ports/index.js';
import { formatTicketNumber } from '../../core/tickets/index.js';
import type { Db, Tx } from './database.js';
import { insertMessage } from './insert-message.js';
import { ticketMessages, tickets } from './schema/index.js';
import { rowToTicket, ticketToColumns } from './ticket.mapper.js';

/** Thrown inside the transaction to roll it back. */
class MessageAlreadyStored extends Error {}

/**
 * Writes a new ticket, its first message and its `created` event in one transaction.
 *
 * Order matters on a server with many writers (and redeliveries are rare, so there is no look-up
 * before the transaction: the unique index answers that question):
 * 1. the ticket goes in under a provisional number, then the message: the idempotency gate. A
 *    duplicate rolls back here, before the day counter is touched, so it burns no number. Two
 *    writers racing on one message meet at the unique index: PostgreSQL makes the second wait for
 *    the first to commit, then skips its row.
 * 2. only then one statement increments the day counter, gives the ticket its number and appends
 *    the event. The counter row stays locked until COMMIT, so that lock covers one statement, not
 *    the whole transaction: numbers stay gapless without serializing every insert behind it.
 */
export async function createTicket(db: Db, input: CreateTicketInput): Promise<CreateTicketOutcome> {
  const { channel, externalId } = input.message;
  try {
    const ticket = await db.transaction(async (tx) => {
      const id = randomUUID();
      const [row] = await tx
        .insert(tickets)
        .values({ id, number: `pending:${id}`, version: 1, ...ticketToColumns(input.ticket) })
        .returning();
      if (!row) throw new Error('The ticket row was not inserted.');
      if ((await insertMessage(tx, id, input.message)) === null) throw new MessageAlreadyStored();
      const number = await numberAndRecordCreation(tx, id, input);
      return rowToTicket({ ...row, number });
    });
    return { created: true, ticket };
  } catch (error) {
    if (!(error instanceof MessageAlreadyStored)) throw error;
    const ticketId = await findTicketIdByMessage(db, channel, externalId);
    // The conflicting row was committed before ours was skipped, and messages are never deleted.
    if (!ticketId) throw new Error(`Message ${channel}:${externalId} conflicted but cannot be found.`);
    return { created: false, ticketId };
  }
}

export async function findTicketIdByMessage(
  db: Db,
  channel: CreateTicketInput['message']['channel'],
  externalId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ ticketId: ticketMessages.ticketId })
    .from(ticketMessages)
    .where(and(eq(ticketMessages.channel, channel), eq(ticketMessages.externalId, externalId)))
    .limit(1);
  return row?.ticketId ?? null;
}

/**
 * Counter, number and event in one round trip. The SQL spells the number the way core's
 * formatTicketNumber does; the result is checked against it, and a mismatch rolls everything back.
 */
async function numberAndRecordCreation(tx: Tx, ticketId: string, input: CreateTicketInput): Promise<string> {
  const head = `${input.prefix}-${input.localDate.replaceAll('-', '')}-`;
  const e = input.event;
  const result = await tx.execute(sql`
    with counter as (
      insert into ticket_counters (day, last) values (${input.localDate}::date, 1)
      on conflict (day) do update set last = ticket_counters.last + 1
      returning last
    ), numbered as (
      update tickets
      set number = ${head} || lpad(counter.last::text, greatest(4, length(counter.last::text)), '0')
      from counter
      where tickets.id = ${ticketId}
      returning tickets.number, counter.last
    ), created as (
      insert into ticket_events
        (ticket_id, type, at, actor_kind, actor_id, actor_name, channel, from_status, to_status, data)
      select ${ticketId}, ${e.type}, ${e.at.toISOString()}::timestamptz, ${e.actor.kind}, ${e.actor.id},
        ${e.actor.name}, ${e.channel}, ${e.fromStatus}, ${e.toStatus},
        ${JSON.stringify(e.data)}::jsonb || jsonb_build_object('number', numbered.number)
      from numbered
    )
    select number, last from numbered`);
  const [row] = (result as unknown as { rows: Array<{ number: string; last: number }> }).rows;
  if (!row) throw new Error(`Ticket ${ticketId} vanished while being numbered.`);
  const expected = formatTicketNumber(input.prefix, input.localDate, Number(row.last));
  if (row.number !== expected) throw new Error(`Ticket number ${row.number} should read ${expected}.`);
  return row.number;
}
