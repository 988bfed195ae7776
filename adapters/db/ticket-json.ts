import { getTableColumns } from 'drizzle-orm';
import type { NewTicketMessage } from '../../core/ports/index.js';
import type { NewTicket, TicketEvent } from '../../core/tickets/index.js';
import { tickets } from './schema/index.js';
import { ticketToColumns, type TicketColumns } from './ticket.mapper.js';

/*
 * Batched statements take their rows as one JSON array parameter: one prepared text serves any
 * batch size, and the server turns each object into typed columns (jsonb_to_recordset,
 * jsonb_populate_record). Keys are column names; Dates become ISO text, which timestamptz reads.
 */

const IDENTITY = new Set(['id', 'number', 'version']);
/** [key in TicketColumns, column name] for every column a ticket's content fills. */
const TICKET_DATA: Array<[keyof TicketColumns, string]> = Object.entries(getTableColumns(tickets))
  .filter(([key]) => !IDENTITY.has(key))
  .map(([key, column]) => [key as keyof TicketColumns, column.name]);

/** The names of the columns ticketJson fills, for UPDATE … SET lists. */
export const TICKET_DATA_COLUMNS: readonly string[] = TICKET_DATA.map(([, name]) => name);

/** A ticket's content keyed by column name, for jsonb_populate_record(null::tickets, …). */
export function ticketJson(t: NewTicket): Record<string, unknown> {
  const columns = ticketToColumns(t);
  const out: Record<string, unknown> = {};
  for (const [key, name] of TICKET_DATA) out[name] = columns[key] ?? null;
  return out;
}

/** The record type events are read as from JSON; keys as eventJson writes them. */
export const EVENT_RECORD = `type text, at timestamptz, actor_kind text, actor_id text, actor_name text,
  channel text, from_status text, to_status text, data jsonb`;

export function eventJson(e: TicketEvent): Record<string, unknown> {
  return {
    type: e.type,
    at: e.at,
    actor_kind: e.actor.kind,
    actor_id: e.actor.id,
    actor_name: e.actor.name,
    channel: e.channel,
    from_status: e.fromStatus,
    to_status: e.toStatus,
    data: e.data,
  };
}

/** The message columns of ticket_messages (bar ticket_id) as messageJson writes them. */
export const MESSAGE_COLUMNS = `channel, external_id, direction, sender_name, sender_person_id, subject, text, at`;
export const MESSAGE_RECORD = `channel text, external_id text, direction text, sender_name text,
  sender_person_id text, subject text, text text, at timestamptz, attachments jsonb`;
export const ATTACHMENT_RECORD = `name text, content_type text, size bigint, storage_path text, skipped_reason text`;

export function messageJson(m: NewTicketMessage): Record<string, unknown> {
  return {
    channel: m.channel,
    external_id: m.externalId,
    direction: m.direction,
    sender_name: m.senderName,
    sender_person_id: m.senderPersonId,
    subject: m.subject,
    text: m.text,
    at: m.at,
    attachments: m.attachments.map((a) => ({
      name: a.name,
      content_type: a.contentType,
      size: a.size,
      storage_path: a.storagePath ?? null,
      skipped_reason: a.skippedReason ?? null,
    })),
  };
}

/**
 * The batcher key of a message: the intake idempotency key as stored, lone surrogates turned into
 * U+FFFD (see jsonParam), so two ids the database sees as one never share a batch.
 */
export const messageKey = (m: Pick<NewTicketMessage, 'channel' | 'externalId'>): string =>
  `${m.channel}\u0000${m.externalId.replace(/\p{Cs}/gu, '\uFFFD')}`;
