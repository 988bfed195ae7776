import { respondedInTime } from './kpi-counts.js';
import type { TicketFact } from './kpi-facts.js';

/** Sums behind one engineer's line of the workload table (工程师工作量), used for assessment and pay. */
export interface WorkloadCounts {
  engineerId: string;
  tickets: number;
  resolved: number;
  /** Visits with both arrival and departure recorded, and their total minutes on site. */
  onSiteVisits: number;
  onSiteMinutes: number;
  /** Acknowledged dispatches and the minutes from dispatch to acknowledgement. */
  responses: number;
  responseMinutesSum: number;
  respondedInTime: number;
  rated: number;
  ratingSum: number;
  /** Tickets of theirs that drew a complaint. */
  complaints: number;
}

export interface EngineerWorkload {
  engineerId: string;
  name: string;
  tickets: number;
  resolved: number;
  onSiteVisits: number;
  onSiteHours: number;
  meanResponseMinutes: number | null;
  respondedInTime: number;
  rated: number;
  meanRating: number | null;
  complaints: number;
}

const MINUTE_MS = 60_000;

const emptyWorkload = (engineerId: string): WorkloadCounts => ({
  engineerId,
  tickets: 0,
  resolved: 0,
  onSiteVisits: 0,
  onSiteMinutes: 0,
  responses: 0,
  responseMinutesSum: 0,
  respondedInTime: 0,
  rated: 0,
  ratingSum: 0,
  complaints: 0,
});

/** Per assignee; tickets nobody was assigned to are not anyone's workload. Sorted by engineer id. */
export function countWorkload(
  facts: Iterable<TicketFact>,
  responseMinutes: number,
  asOf: Date,
): WorkloadCounts[] {
  const byEngineer = new Map<string, WorkloadCounts>();
  for (const t of facts) {
    if (!t.assigneeId) continue;
    let w = byEngineer.get(t.assigneeId);
    if (!w) byEngineer.set(t.assigneeId, (w = emptyWorkload(t.assigneeId)));
    w.tickets += 1;
    if (t.resolvedAt) w.resolved += 1;
    if (t.arrivedAt && t.departedAt && t.departedAt >= t.arrivedAt) {
      w.onSiteVisits += 1;
      w.onSiteMinutes += (t.departedAt.getTime() - t.arrivedAt.getTime()) / MINUTE_MS;
    }
    if (t.dispatchedAt && t.acknowledgedAt && t.acknowledgedAt >= t.dispatchedAt) {
      w.responses += 1;
      w.responseMinutesSum += (t.acknowledgedAt.getTime() - t.dispatchedAt.getTime()) / MINUTE_MS;
    }
    if (respondedInTime(t, responseMinutes, asOf) === true) w.respondedInTime += 1;
    if (t.rating !== null) {
      w.rated += 1;
      w.ratingSum += t.rating;
    }
    if (t.complained) w.complaints += 1;
  }
  return [...byEngineer.values()].sort((a, b) => (a.engineerId < b.engineerId ? -1 : 1));
}

const roundTo = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function workloadValues(w: WorkloadCounts, name: string): EngineerWorkload {
  return {
    engineerId: w.engineerId,
    name,
    tickets: w.tickets,
    resolved: w.resolved,
    onSiteVisits: w.onSiteVisits,
    onSiteHours: roundTo(w.onSiteMinutes / 60, 2),
    meanResponseMinutes: w.responses > 0 ? roundTo(w.responseMinutesSum / w.responses, 1) : null,
    respondedInTime: w.respondedInTime,
    rated: w.rated,
    meanRating: w.rated > 0 ? roundTo(w.ratingSum / w.rated, 2) : null,
    complaints: w.complaints,
  };
}
