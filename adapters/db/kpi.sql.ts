import type { KpiGrouping } from '../../core/kpi/index.js';
import type { Statement } from './sql-runner.js';

/**
 * The KPI aggregates as SQL, each the same definition as its core/kpi reference fold.
 * Parameters: $1 from, $2 to (reported_at in [from, to)), $3 response minutes, $4 as-of instant
 * (ticket counts only); call counts take $1 and $2 only.
 * One scan per query: GROUPING SETS yields the groups and the total together.
 */
const KEY_COLUMN: Record<KpiGrouping, string> = {
  department: 't.reporter_department',
  category: 't.category',
  engineer: 't.assignee_id',
};

const DEADLINE = `t.dispatched_at + make_interval(mins => $3::int)`;

const TICKET_SUMS = `
  count(*)::int as tickets,
  count(*) filter (where t.type = 'fault' and t.resolved_at is not null)::int as faults_resolved,
  count(*) filter (where t.type = 'fault' and t.resolved_at is not null and t.resolution_remote)::int
    as faults_resolved_remotely,
  count(t.rating)::int as rated,
  coalesce(sum(t.rating), 0)::int as rating_sum,
  count(*) filter (where t.rating >= 4)::int as satisfied,
  count(*) filter (where t.dispatch_count >= 1)::int as dispatched,
  count(*) filter (where t.dispatch_count = 1)::int as dispatched_first_time,
  count(*) filter (where t.dispatched_at is not null
    and (t.acknowledged_at is not null or $4::timestamptz > ${DEADLINE}))::int as response_due,
  count(*) filter (where t.acknowledged_at <= ${DEADLINE})::int as responded_in_time`;

const PERIOD = `t.reported_at >= $1::timestamptz and t.reported_at < $2::timestamptz`;

export function ticketCountsStatement(by: KpiGrouping | null): Statement {
  if (by === null)
    return {
      name: 'kpi_ticket_counts',
      text: `select null::text as key, true as is_total, ${TICKET_SUMS} from tickets t where ${PERIOD}`,
    };
  const key = KEY_COLUMN[by];
  return {
    name: `kpi_ticket_counts_${by}`,
    text: `select ${key} as key, grouping(${key}) = 1 as is_total, ${TICKET_SUMS}
      from tickets t where ${PERIOD} group by grouping sets ((${key}), ())`,
  };
}

export const workloadStatement: Statement = {
  name: 'kpi_workload',
  text: `
    with complained as (select distinct ticket_id from ticket_events where type = 'complaint')
    select t.assignee_id as engineer_id,
      count(*)::int as tickets,
      count(t.resolved_at)::int as resolved,
      count(*) filter (where t.arrived_at is not null and t.departed_at >= t.arrived_at)::int as on_site_visits,
      coalesce(sum(extract(epoch from t.departed_at - t.arrived_at) / 60)
        filter (where t.arrived_at is not null and t.departed_at >= t.arrived_at), 0)::float8 as on_site_minutes,
      count(*) filter (where t.acknowledged_at >= t.dispatched_at)::int as responses,
      coalesce(sum(extract(epoch from t.acknowledged_at - t.dispatched_at) / 60)
        filter (where t.acknowledged_at >= t.dispatched_at), 0)::float8 as response_minutes_sum,
      count(*) filter (where t.acknowledged_at <= ${DEADLINE})::int as responded_in_time,
      count(t.rating)::int as rated,
      coalesce(sum(t.rating), 0)::int as rating_sum,
      count(c.ticket_id)::int as complaints
    from tickets t left join complained c on c.ticket_id = t.id
    where ${PERIOD} and t.assignee_id is not null
    group by t.assignee_id`,
};

export const callsTableExists: Statement = {
  name: 'kpi_calls_table_exists',
  text: `select to_regclass('calls') is not null as present`,
};

/** Desk calls started in the period, grouped by the caller's department when the roster knows the number. */
export function callCountsStatement(byDepartment: boolean): Statement {
  const answered = `(c.answered_at is not null or upper(c.disposition) = 'ANSWERED')`;
  const where = `c.is_desk_call and c.started_at >= $1::timestamptz and c.started_at < $2::timestamptz`;
  if (!byDepartment)
    return {
      name: 'kpi_call_counts',
      text: `select null::text as key, true as is_total, count(*)::int as calls,
        count(*) filter (where ${answered})::int as answered from calls c where ${where}`,
    };
  return {
    name: 'kpi_call_counts_department',
    text: `select d.department as key, grouping(d.department) = 1 as is_total, count(*)::int as calls,
        count(*) filter (where ${answered})::int as answered
      from calls c
      left join lateral (select p.department from people p where p.phone = c.caller
        order by p.id limit 1) d on true
      where ${where} group by grouping sets ((d.department), ())`,
  };
}
