import type { Statement } from './sql-runner.js';

/** Stronger outcomes win a merge (core/phone disposition.ts RANK, same order). */
const rank = (d: string) =>
  `array_position(array['NO ANSWER','FAILED','CONGESTION','BUSY','ANSWERED'], ${d})`;

export const CALL_COLUMNS = `id, source_id, started_at, answered_at, ended_at, caller, callee, disposition,
  duration_s, billsec_s, is_desk_call, ticket_id, callback_person_id`;

/**
 * A conflicting row merges by core/phone mergeCalls' rules, and only when that changes something:
 * so a re-import writes nothing and its rows come back as neither inserted nor updated.
 */
const MERGE_ON_CONFLICT = `on conflict (source_id) do update set
    started_at = least(c.started_at, excluded.started_at),
    answered_at = least(c.answered_at, excluded.answered_at),
    ended_at = greatest(c.ended_at, excluded.ended_at),
    caller = case when c.caller <> '' then c.caller else excluded.caller end,
    callee = case when c.is_desk_call or not excluded.is_desk_call then c.callee else excluded.callee end,
    disposition = case when ${rank('excluded.disposition')} > ${rank('c.disposition')}
      then excluded.disposition else c.disposition end,
    duration_s = greatest(c.duration_s, excluded.duration_s),
    billsec_s = greatest(c.billsec_s, excluded.billsec_s),
    is_desk_call = c.is_desk_call or excluded.is_desk_call
  where excluded.started_at < c.started_at
    or excluded.answered_at < coalesce(c.answered_at, 'infinity'::timestamptz)
    or excluded.ended_at > c.ended_at
    or (c.caller = '' and excluded.caller <> '')
    or (excluded.is_desk_call and not c.is_desk_call)
    or ${rank('excluded.disposition')} > ${rank('c.disposition')}
    or excluded.duration_s > c.duration_s
    or excluded.billsec_s > c.billsec_s`;

/** A batch as parallel arrays (one prepared statement whatever the batch size), merged on conflict. */
export const upsertCalls: Statement = {
  name: 'calls_upsert_many',
  text: `
  insert into calls as c (source_id, started_at, answered_at, ended_at, caller, callee, disposition,
    duration_s, billsec_s, is_desk_call)
  select * from unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[], $5::text[],
    $6::text[], $7::text[], $8::int[], $9::int[], $10::bool[])
  ${MERGE_ON_CONFLICT}
  returning ${CALL_COLUMNS}, (xmax = 0) as inserted`,
};

/**
 * upsertCalls for a bulk import: the same merge, the batch as array literals the caller builds
 * (times as Unix milliseconds: pg formatted every Date in local time, a good share of the
 * client's work), and only the counts back instead of every written row (the server formatted
 * and the client parsed 13 columns a call; the import needs two numbers a batch).
 */
export const importCalls: Statement = {
  name: 'calls_import_batch',
  text: `
  with written as (
    insert into calls as c (source_id, started_at, answered_at, ended_at, caller, callee, disposition,
      duration_s, billsec_s, is_desk_call)
    select source_id, to_timestamp(started_ms / 1000), to_timestamp(answered_ms / 1000),
      to_timestamp(ended_ms / 1000), caller, callee, disposition, duration_s, billsec_s, is_desk_call
    from unnest($1::text[], $2::float8[], $3::float8[], $4::float8[], $5::text[], $6::text[], $7::text[],
      $8::int[], $9::int[], $10::bool[])
      as b(source_id, started_ms, answered_ms, ended_ms, caller, callee, disposition, duration_s,
        billsec_s, is_desk_call)
    ${MERGE_ON_CONFLICT}
    returning (xmax = 0) as inserted)
  select (count(*) filter (where inserted))::int as inserted,
    (count(*) filter (where not inserted))::int as updated
  from written`,
};

export const callById: Statement = {
  name: 'calls_by_id',
  text: `select ${CALL_COLUMNS} from calls where id = $1`,
};

export const callBySourceId: Statement = {
  name: 'calls_by_source_id',
  text: `select ${CALL_COLUMNS} from calls where source_id = $1`,
};

export const linkCallTicket: Statement = {
  name: 'calls_link_ticket',
  text: `update calls set ticket_id = $2 where id = $1 returning id`,
};

/** Newest first; the desk-call index narrows by time, the digits are compared row by row. */
export const answeredDeskCallsEndingIn: Statement = {
  name: 'calls_answered_desk_ending_in',
  text: `select ${CALL_COLUMNS} from calls
  where is_desk_call and disposition = 'ANSWERED' and started_at >= $2
    and regexp_replace(caller, '[^0-9]', '', 'g') like '%' || $1
  order by started_at desc, id
  limit $3`,
};

export const linkUnlinkedCallTicket: Statement = {
  name: 'calls_link_unlinked_ticket',
  text: `update calls set ticket_id = $2 where id = $1 and ticket_id is null returning id`,
};

export const markCallCallback: Statement = {
  name: 'calls_mark_callback',
  text: `update calls set callback_person_id = $2 where id = $1 and callback_person_id is null returning id`,
};
