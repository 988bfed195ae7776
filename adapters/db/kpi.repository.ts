import type { CallCounts, TicketCounts, WorkloadCounts } from '../../core/kpi/index.js';
import type { GroupedCounts, KpiQuery, KpiRepository } from '../../core/ports/index.js';
import type { Db } from './database.js';
import {
  callCountsStatement,
  callsTableExists,
  ticketCountsStatement,
  workloadStatement,
} from './kpi.sql.js';
import {
  rollupBoundsStatement,
  rollupSealStatement,
  rolledTicketCountsStatement,
  rolledWorkloadStatement,
  type RollupBounds,
} from './kpi-rollup.sql.js';
import { sqlRunnerFor, type SqlRunner } from './sql-runner.js';
import { localDate } from '../../core/shared/local-time.js';

/** Months of history one read may seal before it answers from whatever is sealed (120 years). */
const MAX_SEAL_STEPS = 1500;

interface Keyed {
  key: string | null;
  is_total: boolean;
}

type TicketCountsRow = Keyed & {
  tickets: number;
  faults_resolved: number;
  faults_resolved_remotely: number;
  rated: number;
  rating_sum: number;
  satisfied: number;
  dispatched: number;
  dispatched_first_time: number;
  response_due: number;
  responded_in_time: number;
};

type CallCountsRow = Keyed & CallCounts;

interface WorkloadRow {
  engineer_id: string;
  tickets: number;
  resolved: number;
  on_site_visits: number;
  on_site_minutes: number;
  responses: number;
  response_minutes_sum: number;
  responded_in_time: number;
  rated: number;
  rating_sum: number;
  complaints: number;
}

const toTicketCounts = (r: TicketCountsRow): TicketCounts => ({
  tickets: r.tickets,
  faultsResolved: r.faults_resolved,
  faultsResolvedRemotely: r.faults_resolved_remotely,
  rated: r.rated,
  ratingSum: r.rating_sum,
  satisfied: r.satisfied,
  dispatched: r.dispatched,
  dispatchedFirstTime: r.dispatched_first_time,
  responseDue: r.response_due,
  respondedInTime: r.responded_in_time,
});

const byKey = (a: { key: string | null }, b: { key: string | null }): number =>
  a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1;

/** Splits a GROUPING SETS result into its total row and its groups (sorted by key, none last). */
function grouped<R extends Keyed, C>(rows: R[], convert: (r: R) => C, empty: C): GroupedCounts<C> {
  const total = rows.find((r) => r.is_total);
  const groups = rows
    .filter((r) => !r.is_total)
    .map((r) => ({ key: r.key, counts: convert(r) }))
    .sort(byKey);
  return { total: total ? convert(total) : empty, groups };
}

const NO_TICKETS: TicketCounts = toTicketCounts({
  key: null,
  is_total: true,
  tickets: 0,
  faults_resolved: 0,
  faults_resolved_remotely: 0,
  rated: 0,
  rating_sum: 0,
  satisfied: 0,
  dispatched: 0,
  dispatched_first_time: 0,
  response_due: 0,
  responded_in_time: 0,
});

/** KPI sums computed by PostgreSQL (server or PGlite) in one aggregate scan each. */
export class DrizzleKpiRepository implements KpiRepository {
  private readonly run: SqlRunner;
  private callsPresent: boolean | null = null;

  constructor(db: Db) {
    this.run = sqlRunnerFor(db);
  }

  async ticketCounts(q: KpiQuery): Promise<GroupedCounts<TicketCounts>> {
    const rows = q.timeZone
      ? await this.run<TicketCountsRow>(rolledTicketCountsStatement(q.by), [
          ...(await this.rolledParams(q, q.timeZone)),
          q.asOf,
        ])
      : await this.run<TicketCountsRow>(ticketCountsStatement(q.by), [
          q.period.from,
          q.period.to,
          q.responseMinutes,
          q.asOf,
        ]);
    return grouped(rows, toTicketCounts, NO_TICKETS);
  }

  /**
   * Adds the closed local days before `asOf`'s day to the daily roll-up (a no-op when they are in);
   * KPI reads do it themselves, the daily job does it ahead of them. Returns the first day not sealed.
   */
  async sealRollup(timeZone: string, responseMinutes: number, asOf: Date): Promise<string | null> {
    const target = localDate(asOf, timeZone);
    let sealed: string | null = null;
    // Each call seals at most a month (writers wait while it sums); a first seal of years repeats.
    for (let i = 0; i < MAX_SEAL_STEPS && !(sealed !== null && sealed >= target); i += 1) {
      const [row] = await this.run<{ sealed: string | null }>(rollupSealStatement, [
        timeZone,
        responseMinutes,
        asOf,
      ]);
      const reached = row?.sealed ?? null;
      // No progress: writers held the tables (the seal gave up); the unsealed days are read live.
      if (reached === sealed) break;
      sealed = reached;
    }
    return sealed;
  }

  /** Parameters $1…$8 of the roll-up reads, after sealing what `asOf` allows. */
  private async rolledParams(q: KpiQuery, timeZone: string): Promise<unknown[]> {
    await this.sealRollup(timeZone, q.responseMinutes, q.asOf);
    const [b] = await this.run<RollupBounds>(rollupBoundsStatement, [
      q.period.from,
      q.period.to,
      timeZone,
      q.responseMinutes,
    ]);
    if (!b) throw new Error('The KPI roll-up bounds query returned no row.');
    return [q.period.from, q.period.to, q.responseMinutes, timeZone, b.d_from, b.d_to, b.lo_edge, b.hi_edge];
  }

  async callCounts(q: KpiQuery): Promise<GroupedCounts<CallCounts> | null> {
    if (!(await this.hasCalls())) return null;
    const rows = await this.run<CallCountsRow>(callCountsStatement(q.by === 'department'), [
      q.period.from,
      q.period.to,
    ]);
    return grouped(rows, (r) => ({ calls: r.calls, answered: r.answered }), { calls: 0, answered: 0 });
  }

  async workload(q: KpiQuery): Promise<WorkloadCounts[]> {
    const rows = q.timeZone
      ? await this.run<WorkloadRow>(rolledWorkloadStatement, await this.rolledParams(q, q.timeZone))
      : await this.run<WorkloadRow>(workloadStatement, [q.period.from, q.period.to, q.responseMinutes]);
    return rows
      .map((r) => ({
        engineerId: r.engineer_id,
        tickets: r.tickets,
        resolved: r.resolved,
        onSiteVisits: r.on_site_visits,
        onSiteMinutes: r.on_site_minutes,
        responses: r.responses,
        responseMinutesSum: r.response_minutes_sum,
        respondedInTime: r.responded_in_time,
        rated: r.rated,
        ratingSum: r.rating_sum,
        complaints: r.complaints,
      }))
      .sort((a, b) => (a.engineerId < b.engineerId ? -1 : 1));
  }

  /** The calls table arrives with the phone feature; until a database has it, there is no answer rate. */
  private async hasCalls(): Promise<boolean> {
    if (this.callsPresent) return true;
    const [row] = await this.run<{ present: boolean }>(callsTableExists, []);
    // Remember only presence: a migration may add the table while this process runs.
    this.callsPresent = row?.present === true;
    return this.callsPresent;
  }
}
