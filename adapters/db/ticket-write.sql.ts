import { ATTACHMENT_RECORD, EVENT_RECORD, MESSAGE_COLUMNS } from './ticket-json.js';

/*
 * SQL fragments shared by the batched write statements. Each statement reads its rows from one
 * JSON array parameter into a CTE named `input`, numbered by `ordinality` (position in the batch).
 */

/** `input as (…)`: the JSON array in $1 as rows of `record`, plus their position. */
export const inputCte = (record: string): string =>
  `input as (
    select * from rows from (jsonb_to_recordset($1::jsonb) as (${record})) with ordinality as i
  )`;

/**
 * Inserts the messages of `input` (a row per message, with a `ticket_id` expression) unless their
 * (channel, external id) is stored: the intake idempotency gate. Returns the new rows' id,
 * ticket_id, channel and external_id; a redelivery returns nothing, and one racing the original
 * waits at the unique index for it to commit. Rows go in key order, so two batches sharing
 * messages wait on each other instead of deadlocking.
 */
export const insertMessagesSql = (ticketId: string): string =>
  `insert into ticket_messages (ticket_id, ${MESSAGE_COLUMNS})
    select ${ticketId}, ${MESSAGE_COLUMNS} from input order by channel, external_id
    on conflict (channel, external_id) do nothing
    returning id, ticket_id, channel, external_id`;

/** Inserts the attachments of each row of `from` (columns message_id, attachments, ordinality). */
export const insertAttachmentsSql = (from: string): string =>
  `insert into ticket_attachments (message_id, name, content_type, size, storage_path, skipped_reason)
    select f.message_id, a.name, a.content_type, a.size, a.storage_path, a.skipped_reason
    from ${from} f cross join lateral rows from (jsonb_to_recordset(f.attachments) as (${ATTACHMENT_RECORD}))
      with ordinality as a
    order by f.ordinality, a.ordinality`;

/**
 * Inserts the events (a JSON array column `events`) of each row of the relation `from`, aliased
 * `f`, in batch then array order, so ids keep the order they were written in. `data` may extend
 * the event's data.
 */
export const insertEventsSql = (options: { from: string; ticketId: string; data?: string }): string =>
  `insert into ticket_events
      (ticket_id, type, at, actor_kind, actor_id, actor_name, channel, from_status, to_status, data)
    select ${options.ticketId}, e.type, e.at, e.actor_kind, e.actor_id, e.actor_name, e.channel,
      e.from_status, e.to_status, ${options.data ?? "coalesce(e.data, '{}'::jsonb)"}
    from ${options.from} f cross join lateral rows from (jsonb_to_recordset(f.events) as (${EVENT_RECORD}))
      with ordinality as e
    order by f.ordinality, e.ordinality`;
