import type { CallCounts, TicketCounts } from '../kpi/kpi-counts.js';
import type { WorkloadCounts } from '../kpi/engineer-workload.js';
import type { KpiGrouping, KpiPeriod } from '../kpi/kpi-period.js';

export interface KpiQuery {
  period: KpiPeriod;
  by: KpiGrouping | null;
  /** An acknowledgement within this many minutes of dispatch is in time (desk sla.responseMinutes). */
  responseMinutes: number;
  /** Unacknowledged dispatches whose deadline is after this instant are not yet judged. */
  asOf: Date;
  /**
   * The desk's IANA zone. With it, storage may answer whole local days from a daily roll-up
   * (same figures, far fewer rows); without it, it sums the tickets themselves.
   */
  timeZone?: string;
}

export interface GroupedCounts<C> {
  total: C;
  /** One entry per group that has any tickets (calls) in the period; key null = none recorded. */
  groups: Array<{ key: string | null; counts: C }>;
}

/**
 * The KPI sums over any period, computed by storage in aggregate (never by loading tickets), with the
 * same definitions as core/kpi's `countTickets`, `countCalls` and `countWorkload`.
 */
export interface KpiRepository {
  ticketCounts(query: KpiQuery): Promise<GroupedCounts<TicketCounts>>;
  /** Desk calls by the caller's department; null when no call records are kept. */
  callCounts(query: KpiQuery): Promise<GroupedCounts<CallCounts> | null>;
  workload(query: KpiQuery): Promise<WorkloadCounts[]>;
}

export interface TicketSearchFilter {
  /** Matched against number, title, description, reporter, location and device (case-insensitive). */
  text?: string;
  status?: string[];
  category?: string;
  assigneeId?: string;
  limit: number;
  offset: number;
}

/** One line of the dashboard's live list. */
export interface TicketListItem {
  id: string;
  number: string;
  status: string;
  channel: string;
  priority: string;
  category: string | null;
  title: string;
  reporterName: string;
  reporterDepartment: string | null;
  assigneeId: string | null;
  reportedAt: Date;
  updatedAt: Date;
}

/** What the dashboard and /metrics read besides KPIs: a searchable ticket list and live counts. */
export interface DeskOverviewQueries {
  searchTickets(filter: TicketSearchFilter): Promise<{ tickets: TicketListItem[]; total: number }>;
  countByStatus(): Promise<Map<string, number>>;
  /** sla_breached events ever written (a counter for Prometheus). */
  slaBreaches(): Promise<number>;
}
