import type { KpiGrouping } from '../../core/kpi/index.js';
import type { Statement } from './sql-runner.js';

/**
 * KPI sums read from the daily roll-up (migration 0010: kpi_daily, kpi_rollup_seal and its
 * triggers) for the whole local days of a period that are sealed, plus the tickets themselves for
 * the rest (the partial first and last day, and days not sealed yet). Same definitions as
 * kpi.sql.ts; the equality is tested on PGlite.
 */

/**
 * Which whole local days of [from, to) the roll-up answers (those sealed for this zone and response
 * time; none when it is not). $1 from, $2 to, $3 zone, $4 response minutes.
 * lo_edge / hi_edge bound the tickets read live, with room for any DST shift of local midnight.
 */
export const rollupBoundsStatement: Statement = {
  name: 'kpi_rollup_bounds',
  text: `
    with s as (
      select sealed_through as sealed from kpi_rollup_state
      where id = 1 and time_zone = $3::text and response_minutes = $4::int
    ), f as (
      select case when (($1::timestamptz - interval '1 microsecond') at time zone $3::text)::date
          < ($1::timestamptz at time zone $3::text)::date
        then ($1::timestamptz at time zone $3::text)::date
        else ($1::timestamptz at time zone $3::text)::date + 1 end as d_from
    ), b as (
      select f.d_from, greatest(f.d_from, least(($2::timestamptz at time zone $3::text)::date,
        coalesce((select s.sealed from s), f.d_from))) as d_to
      from f
    )
    select d_from::text as d_from, d_to::text as d_to,
      (d_from::timestamp at time zone $3::text) + interval '3 hours' as lo_edge,
      (d_to::timestamp at time zone $3::text) - interval '3 hours' as hi_edge
    from b`,
};

/** Seals the days before the as-of instant's local day: $1 zone, $2 response minutes, $3 as-of. */
export const rollupSealStatement: Statement = {
  name: 'kpi_rollup_seal',
  text: `select kpi_rollup_seal($1::text, $2::int, ($3::timestamptz at time zone $1::text)::date)::text as sealed`,
};

export interface RollupBounds {
  d_from: string;
  d_to: string;
  lo_edge: Date;
  hi_edge: Date;
}

/*
 * Shared parameters of the read statements: $1 from, $2 to, $3 response minutes, $4 zone, $5 first
 * rolled day, $6 day after the last rolled day, $7 lo_edge, $8 hi_edge; ticket counts add $9 as-of.
 */
const LOCAL_DAY = `(t.reported_at at time zone $4::text)::date`;
const LIVE = `t.reported_at >= $1::timestamptz and t.reported_at < $2::timestamptz
  and ((t.reported_at < $7::timestamptz and ${LOCAL_DAY} < $5::date)
    or (t.reported_at >= $8::timestamptz and ${LOCAL_DAY} >= $6::date))`;
const ROLLED_DAYS = `k.day >= $5::date and k.day < $6::date`;
const DEADLINE = `t.dispatched_at + make_interval(mins => $3::int)`;
/** Dispatches in rolled days still inside their response time at the as-of instant: not yet due. */
const NOT_YET_DUE = `t.acknowledged_at is null and t.dispatched_at is not null
  and t.dispatched_at >= $9::timestamptz - make_interval(mins => $3::int) and ${DEADLINE} >= $9::timestamptz
  and ${LOCAL_DAY} >= $5::date and ${LOCAL_DAY} < $6::date`;

const KEY_COLUMN: Record<KpiGrouping, string> = {
  department: 't.reporter_department',
  category: 't.category',
  engineer: 't.assignee_id',
};

const TICKET_COLUMNS = [
  'tickets',
  'faults_resolved',
  'faults_resolved_remotely',
  'rated',
  'rating_sum',
  'satisfied',
  'dispatched',
  'dispatched_first_time',
  'response_due',
  'responded_in_time',
] as const;

const LIVE_TICKET = `1,
  (t.type = 'fault' and t.resolved_at is not null)::int,
  coalesce(t.type = 'fault' and t.resolved_at is not null and t.resolution_remote, false)::int,
  (t.rating is not null)::int,
  coalesce(t.rating, 0)::int,
  coalesce(t.rating >= 4, false)::int,
  (t.dispatch_count >= 1)::int,
  (t.dispatch_count = 1)::int,
  (t.dispatched_at is not null and (t.acknowledged_at is not null or $9::timestamptz > ${DEADLINE}))::int,
  coalesce(t.acknowledged_at <= ${DEADLINE}, false)::int`;

export function rolledTicketCountsStatement(by: KpiGrouping | null): Statement {
  // Every ticket is in exactly one category row (null included), so those rows also give the total.
  const dimension = by ?? 'category';
  const key = KEY_COLUMN[dimension];
  const parts = `
    select k.key, k.tickets, k.faults_resolved, k.faults_resolved_remotely, k.rated, k.rating_sum,
      k.satisfied, k.dispatched, k.dispatched_first_time, k.timed as response_due, k.responded_in_time
    from kpi_daily k where k.dimension = '${dimension}' and ${ROLLED_DAYS}
    union all
    select ${key}, ${LIVE_TICKET} from tickets t where ${LIVE}
    union all
    select ${key}, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0 from tickets t where ${NOT_YET_DUE}`;
  const sums = TICKET_COLUMNS.map((c) => `coalesce(sum(p.${c}), 0)::int as ${c}`).join(', ');
  if (by === null)
    return {
      name: 'kpi_rollup_ticket_counts',
      text: `select null::text as key, true as is_total, ${sums} from (${parts}) p`,
    };
  return {
    name: `kpi_rollup_ticket_counts_${by}`,
    text: `select p.key, grouping(p.key) = 1 as is_total, ${sums} from (${parts}) p
      group by grouping sets ((p.key), ()) having grouping(p.key) = 1 or sum(p.tickets) > 0`,
  };
}

export const rolledWorkloadStatement: Statement = {
  name: 'kpi_rollup_workload',
  text: `
    select p.engineer_id,
      sum(p.tickets)::int as tickets,
      sum(p.resolved)::int as resolved,
      sum(p.on_site_visits)::int as on_site_visits,
      sum(p.on_site_minutes)::float8 as on_site_minutes,
      sum(p.responses)::int as responses,
      sum(p.response_minutes_sum)::float8 as response_minutes_sum,
      sum(p.responded_in_time)::int as responded_in_time,
      sum(p.rated)::int as rated,
      sum(p.rating_sum)::int as rating_sum,
      sum(p.complaints)::int as complaints
    from (
      select k.key as engineer_id, k.tickets, k.resolved, k.on_site_visits, k.on_site_minutes, k.responses,
        k.response_minutes_sum, k.responded_in_time, k.rated, k.rating_sum, k.complaints
      from kpi_daily k where k.dimension = 'engineer' and k.key is not null and ${ROLLED_DAYS}
      union all
      select t.assignee_id, 1, (t.resolved_at is not null)::int,
        coalesce(t.arrived_at is not null and t.departed_at >= t.arrived_at, false)::int,
        case when t.arrived_at is not null and t.departed_at >= t.arrived_at
          then extract(epoch from t.departed_at - t.arrived_at) / 60 else 0 end,
        coalesce(t.acknowledged_at >= t.dispatched_at, false)::int,
        case when t.acknowledged_at >= t.dispatched_at
          then extract(epoch from t.acknowledged_at - t.dispatched_at) / 60 else 0 end,
        coalesce(t.acknowledged_at <= ${DEADLINE}, false)::int,
        (t.rating is not null)::int,
        coalesce(t.rating, 0)::int,
        exists (select 1 from ticket_events e where e.ticket_id = t.id and e.type = 'complaint')::int
      from tickets t where ${LIVE} and t.assignee_id is not null
    ) p
    group by p.engineer_id
    having sum(p.tickets) > 0`,
};
