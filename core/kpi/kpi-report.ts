import type { CallCounts, TicketCounts } from './kpi-counts.js';
import { KPI_TARGETS, type KpiGrouping, type KpiPeriod } from './kpi-period.js';
import { workloadValues, type EngineerWorkload, type WorkloadCounts } from './engineer-workload.js';

/** numerator / denominator; `rate` is null when there is nothing to measure (never a fake 0 or 100%). */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
  /** Present for KPIs the rule book sets a target for; `met` is null while the rate is unknown. */
  target?: number;
  met?: boolean | null;
}

export interface KpiRow {
  /** The department, category or engineer id; null for the total or tickets without one. */
  key: string | null;
  label: string;
  tickets: number;
  /** Null when no call records exist or the grouping has no calls (by category or engineer). */
  callAnswerRate: Ratio | null;
  remoteResolutionRate: Ratio;
  satisfaction: { rated: number; mean: number | null; satisfied: Ratio };
  firstTimeCorrectDispatch: Ratio;
  /** Null when the rota staffs no desk seat in the period, or the row is one engineer's. */
  ticketsPerSeatPerDay: number | null;
  responseCompliance: Ratio;
}

export interface KpiReport {
  period: { from: string; to: string };
  by: KpiGrouping | null;
  responseMinutes: number;
  seatDays: number;
  total: KpiRow;
  groups: KpiRow[];
  engineers: EngineerWorkload[];
}

const round = (n: number, digits = 4): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function ratio(numerator: number, denominator: number, target?: number): Ratio {
  const rate = denominator > 0 ? round(numerator / denominator) : null;
  if (target === undefined) return { numerator, denominator, rate };
  return { numerator, denominator, rate, target, met: rate === null ? null : rate >= target };
}

export function kpiRow(
  key: string | null,
  label: string,
  c: TicketCounts,
  calls: CallCounts | null,
  seatDays: number | null,
): KpiRow {
  return {
    key,
    label,
    tickets: c.tickets,
    callAnswerRate: calls ? ratio(calls.answered, calls.calls, KPI_TARGETS.callAnswerRate) : null,
    remoteResolutionRate: ratio(c.faultsResolvedRemotely, c.faultsResolved, KPI_TARGETS.remoteResolutionRate),
    satisfaction: {
      rated: c.rated,
      mean: c.rated > 0 ? round(c.ratingSum / c.rated, 2) : null,
      satisfied: ratio(c.satisfied, c.rated),
    },
    firstTimeCorrectDispatch: ratio(c.dispatchedFirstTime, c.dispatched),
    ticketsPerSeatPerDay: seatDays !== null && seatDays > 0 ? round(c.tickets / seatDays, 2) : null,
    responseCompliance: ratio(c.respondedInTime, c.responseDue),
  };
}

export interface KpiReportInput {
  period: KpiPeriod;
  by: KpiGrouping | null;
  responseMinutes: number;
  seatDays: number;
  tickets: { total: TicketCounts; groups: Array<{ key: string | null; counts: TicketCounts }> };
  /** null: no call records are kept (no PBX feed). */
  calls: { total: CallCounts; groups: Array<{ key: string | null; counts: CallCounts }> } | null;
  workload: WorkloadCounts[];
  /** Display names by person id (engineers, and engineer groups). */
  names: ReadonlyMap<string, string>;
}

const NONE_LABEL = '(none)';

/** Assembles the figures storage summed into the report every surface shows (API, files, dashboard, chat). */
export function buildKpiReport(input: KpiReportInput): KpiReport {
  const { by } = input;
  const callsByKey = new Map(input.calls?.groups.map((g) => [g.key, g.counts]) ?? []);
  const groups = input.tickets.groups.map((g) => {
    const label = g.key === null ? NONE_LABEL : by === 'engineer' ? (input.names.get(g.key) ?? g.key) : g.key;
    // Calls carry the caller's department only; by category or engineer they cannot be split.
    const calls =
      by === 'department' && input.calls ? (callsByKey.get(g.key) ?? { calls: 0, answered: 0 }) : null;
    return kpiRow(g.key, label, g.counts, calls, by === 'engineer' ? null : input.seatDays);
  });
  return {
    period: { from: input.period.from.toISOString(), to: input.period.to.toISOString() },
    by,
    responseMinutes: input.responseMinutes,
    seatDays: round(input.seatDays, 2),
    total: kpiRow(null, 'total', input.tickets.total, input.calls?.total ?? null, input.seatDays),
    groups,
    engineers: input.workload.map((w) => workloadValues(w, input.names.get(w.engineerId) ?? w.engineerId)),
  };
}
