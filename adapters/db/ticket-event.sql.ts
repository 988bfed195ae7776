import type { TicketEvent } from '../../core/tickets/index.js';

/**
 * Events travel as one JSON array parameter, so a statement takes any number of them under one
 * prepared text. Keys are the column names the recordset below declares.
 */
export function eventsJson(events: readonly TicketEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({
      type: e.type,
      at: e.at,
      actor_kind: e.actor.kind,
      actor_id: e.actor.id,
      actor_name: e.actor.name,
      channel: e.channel,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      data: e.data,
    })),
  );
}

/**
 * `insert into ticket_events … select` of the events in the JSON parameter `param`, once per row of
 * `from` (a CTE gating the write), keeping array order so ids follow it. `data` may extend e.data.
 */
export function insertEventsSql(options: {
  param: string;
  ticketId: string;
  from?: string;
  data?: string;
}): string {
  const from = options.from ? `${options.from} cross join ` : '';
  return `insert into ticket_events
      (ticket_id, type, at, actor_kind, actor_id, actor_name, channel, from_status, to_status, data)
    select ${options.ticketId}, e.type, e.at, e.actor_kind, e.actor_id, e.actor_name, e.channel,
      e.from_status, e.to_status, ${options.data ?? "coalesce(e.data, '{}'::jsonb)"}
    from ${from}rows from (jsonb_to_recordset(${options.param}::jsonb) as (
      type text, at timestamptz, actor_kind text, actor_id text, actor_name text, channel text,
      from_status text, to_status text, data jsonb)) with ordinality as e
    order by e.ordinality`;
}
