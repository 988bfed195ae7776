import type { CallFact, TicketFact } from '../../../core/kpi/index.js';

export const at = (iso: string): Date => new Date(iso);
const minutesAfter = (d: Date, minutes: number): Date => new Date(d.getTime() + minutes * 60_000);

/** A reported fault nothing has happened to; tests set what they are about. */
export function fact(overrides: Partial<TicketFact> = {}): TicketFact {
  return {
    type: 'fault',
    department: null,
    category: null,
    assigneeId: null,
    reportedAt: at('2026-03-02T01:00:00Z'),
    dispatchedAt: null,
    acknowledgedAt: null,
    arrivedAt: null,
    departedAt: null,
    resolvedAt: null,
    remote: null,
    rating: null,
    dispatchCount: 0,
    complained: false,
    ...overrides,
  };
}

/** Dispatched at `dispatchedAt`, acknowledged `ackMinutes` later (null: not yet). */
export function dispatched(
  dispatchedAt: Date,
  ackMinutes: number | null,
  overrides: Partial<TicketFact> = {},
): TicketFact {
  return fact({
    dispatchCount: 1,
    dispatchedAt,
    acknowledgedAt: ackMinutes === null ? null : minutesAfter(dispatchedAt, ackMinutes),
    ...overrides,
  });
}

export function call(overrides: Partial<CallFact> = {}): CallFact {
  return {
    startedAt: at('2026-03-02T01:00:00Z'),
    isDeskCall: true,
    answered: true,
    disposition: 'ANSWERED',
    durationS: 60,
    callerDepartment: null,
    ...overrides,
  };
}
