import type { NewTicketMessage } from '../../core/ports/index.js';
import type { TicketEvent } from '../../core/tickets/index.js';
import { jsonParam } from './json-param.js';
import type { SqlRunner, Statement } from './sql-runner.js';
import { eventJson, MESSAGE_RECORD, messageJson } from './ticket-json.js';
import { inputCte, insertAttachmentsSql, insertEventsSql, insertMessagesSql } from './ticket-write.sql.js';

export interface AppendMessageInput {
  ticketId: string;
  message: NewTicketMessage;
  event: TicketEvent;
}

export interface AppendEventsInput {
  ticketId: string;
  events: readonly TicketEvent[];
}

/**
 * Messages with their attachments and events in one statement; a message already stored
 * (a redelivery) writes nothing. Two inputs must not share a message (the batcher keys on it).
 */
const APPEND_MESSAGES: Statement = {
  name: 'deskbot_tickets_append_messages',
  plan: 'generic',
  text: `with ${inputCte(`ticket_id text, events jsonb, ${MESSAGE_RECORD}`)},
  message as (${insertMessagesSql('ticket_id')}),
  fresh as (
    select input.*, message.id as message_id from input join message using (channel, external_id)
  ), attachments as (${insertAttachmentsSql('fresh')}),
  added as (${insertEventsSql({ from: 'fresh', ticketId: 'f.ticket_id' })})
  select ordinality::int as "ordinality" from fresh`,
};

const APPEND_EVENTS: Statement = {
  name: 'deskbot_tickets_append_events',
  plan: 'generic',
  text: `with ${inputCte('ticket_id text, events jsonb')}
  ${insertEventsSql({ from: 'input', ticketId: 'f.ticket_id' })}`,
};

/** Appends a batch of messages (see APPEND_MESSAGES); `added` flags in input order. */
export async function appendMessages(
  run: SqlRunner,
  inputs: readonly AppendMessageInput[],
): Promise<Array<{ added: boolean }>> {
  const rows = inputs.map((input) => ({
    ticket_id: input.ticketId,
    events: [eventJson(input.event)],
    ...messageJson(input.message),
  }));
  const added = new Set(
    (await run<{ ordinality: number }>(APPEND_MESSAGES, [jsonParam(rows)])).map((r) => r.ordinality),
  );
  return inputs.map((_, i) => ({ added: added.has(i + 1) }));
}

/** Appends the events of a batch of tickets, in input then array order. */
export async function appendEvents(run: SqlRunner, inputs: readonly AppendEventsInput[]): Promise<void[]> {
  const rows = inputs.map((input) => ({ ticket_id: input.ticketId, events: input.events.map(eventJson) }));
  await run(APPEND_EVENTS, [jsonParam(rows)]);
  return inputs.map(() => undefined);
}
