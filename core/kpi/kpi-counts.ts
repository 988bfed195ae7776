import { SATISFIED_RATING } from './kpi-period.js';
import type { CallFact, TicketFact } from './kpi-facts.js';

/**
 * The sums every ticket KPI is a ratio of. Storage computes these with SQL aggregates over any
 * number of tickets; `countTickets` is the same definition over facts in memory (the reference).
 */
export interface TicketCounts {
  tickets: number;
  /** Faults with a known outcome (resolved or closed): the remote resolution rate's denominator. */
  faultsResolved: number;
  faultsResolvedRemotely: number;
  rated: number;
  ratingSum: number;
  satisfied: number;
  /** Tickets dispatched at least once, and those never re-routed after the first dispatch. */
  dispatched: number;
  dispatchedFirstTime: number;
  /** Dispatched tickets whose response deadline has passed or that were acknowledged. */
  responseDue: number;
  respondedInTime: number;
}

export interface CallCounts {
  calls: number;
  answered: number;
}

export const noTicketCounts = (): TicketCounts => ({
  tickets: 0,
  faultsResolved: 0,
  faultsResolvedRemotely: 0,
  rated: 0,
  ratingSum: 0,
  satisfied: 0,
  dispatched: 0,
  dispatchedFirstTime: 0,
  responseDue: 0,
  respondedInTime: 0,
});

const MINUTE_MS = 60_000;

/** Whether the engineer acknowledged within the response time; null while it is neither met nor missed. */
export function respondedInTime(
  t: Pick<TicketFact, 'dispatchedAt' | 'acknowledgedAt'>,
  responseMinutes: number,
  asOf: Date,
): boolean | null {
  if (!t.dispatchedAt) return null;
  const deadline = t.dispatchedAt.getTime() + responseMinutes * MINUTE_MS;
  if (t.acknowledgedAt) return t.acknowledgedAt.getTime() <= deadline;
  return asOf.getTime() > deadline ? false : null;
}

export function addTicket(c: TicketCounts, t: TicketFact, responseMinutes: number, asOf: Date): void {
  c.tickets += 1;
  if (t.type === 'fault' && t.resolvedAt) {
    c.faultsResolved += 1;
    if (t.remote === true) c.faultsResolvedRemotely += 1;
  }
  if (t.rating !== null) {
    c.rated += 1;
    c.ratingSum += t.rating;
    if (t.rating >= SATISFIED_RATING) c.satisfied += 1;
  }
  if (t.dispatchCount >= 1) {
    c.dispatched += 1;
    if (t.dispatchCount === 1) c.dispatchedFirstTime += 1;
  }
  const inTime = respondedInTime(t, responseMinutes, asOf);
  if (inTime !== null) {
    c.responseDue += 1;
    if (inTime) c.respondedInTime += 1;
  }
}

export function countTickets(facts: Iterable<TicketFact>, responseMinutes: number, asOf: Date): TicketCounts {
  const c = noTicketCounts();
  for (const t of facts) addTicket(c, t, responseMinutes, asOf);
  return c;
}

/** Only desk calls count: a call to someone's own extension says nothing about the hotline. */
export function countCalls(calls: Iterable<CallFact>): CallCounts {
  const c: CallCounts = { calls: 0, answered: 0 };
  for (const call of calls) {
    if (!call.isDeskCall) continue;
    c.calls += 1;
    if (call.answered) c.answered += 1;
  }
  return c;
}
