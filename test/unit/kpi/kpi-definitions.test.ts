import { describe, expect, it } from 'vitest';
import {
  buildKpiReport,
  countCalls,
  countTickets,
  countWorkload,
  respondedInTime,
  workloadValues,
} from '../../../core/kpi/index.js';
import { at, call, dispatched, fact } from './kpi-facts.fixture.js';

const ASOF = at('2026-04-01T00:00:00Z');
const T0 = at('2026-03-02T02:00:00Z');

describe('call answer rate (电话接通成功率)', () => {
  it('is answered desk calls over all desk calls; other extensions do not count', () => {
    const calls = [
      ...Array.from({ length: 8 }, () => call()),
      call({ answered: false, disposition: 'NO ANSWER' }),
      call({ answered: false, disposition: 'BUSY' }),
      call({ isDeskCall: false, answered: false }),
    ];
    expect(countCalls(calls)).toEqual({ calls: 10, answered: 8 });
  });
});

describe('ticket KPIs on constructed data', () => {
  it('remote resolution rate counts resolved faults only, remote ones over all of them', () => {
    const tickets = [
      fact({ resolvedAt: T0, remote: true }),
      fact({ resolvedAt: T0, remote: true }),
      fact({ resolvedAt: T0, remote: false }),
      fact({ resolvedAt: T0, remote: null }),
      fact({ resolvedAt: null, remote: true }), // still open: outcome unknown
      fact({ type: 'request', resolvedAt: T0, remote: true }), // not a fault
    ];
    const c = countTickets(tickets, 10, ASOF);
    expect([c.faultsResolvedRemotely, c.faultsResolved]).toEqual([2, 4]);
  });

  it('satisfaction: mean rating and the share rating 4 or 5', () => {
    const c = countTickets(
      [5, 4, 3, 1, null].map((rating) => fact({ rating })),
      10,
      ASOF,
    );
    expect(c).toMatchObject({ rated: 4, ratingSum: 13, satisfied: 2 });
  });

  it('first-time-correct dispatch: dispatched once over dispatched at all', () => {
    const c = countTickets(
      [0, 1, 1, 1, 2, 3].map((dispatchCount) => fact({ dispatchCount })),
      10,
      ASOF,
    );
    expect([c.dispatchedFirstTime, c.dispatched]).toEqual([3, 5]);
  });

  it('10-minute response: exactly 10 minutes is in time, 11 is late, open ones count once overdue', () => {
    const recent = new Date(ASOF.getTime() - 5 * 60_000);
    const tickets = [
      dispatched(T0, 3),
      dispatched(T0, 10),
      dispatched(T0, 11),
      dispatched(T0, null), // overdue long ago
      dispatched(recent, null), // 5 minutes in: not yet judged
      fact(), // never dispatched
    ];
    const c = countTickets(tickets, 10, ASOF);
    expect([c.respondedInTime, c.responseDue]).toEqual([2, 4]);
    expect(respondedInTime(dispatched(recent, null), 10, ASOF)).toBeNull();
    expect(respondedInTime(dispatched(T0, 15), 20, ASOF)).toBe(true);
  });
});

describe('engineer workload (工程师工作量)', () => {
  it('sums tickets, on-site hours, response minutes, ratings and complaints per assignee', () => {
    const arrive = at('2026-03-02T03:00:00Z');
    const tickets = [
      dispatched(T0, 4, {
        assigneeId: 'eng-b',
        arrivedAt: arrive,
        departedAt: new Date(arrive.getTime() + 90 * 60_000),
        resolvedAt: T0,
        rating: 5,
      }),
      dispatched(T0, 16, { assigneeId: 'eng-b', rating: 2, complained: true }),
      dispatched(T0, 8, { assigneeId: 'eng-a', arrivedAt: arrive, departedAt: null }),
      fact({ assigneeId: null }),
    ];
    const [a, b] = countWorkload(tickets, 10, ASOF);
    expect(a?.engineerId).toBe('eng-a');
    expect(workloadValues(b!, '钱电脑')).toEqual({
      engineerId: 'eng-b',
      name: '钱电脑',
      tickets: 2,
      resolved: 1,
      onSiteVisits: 1,
      onSiteHours: 1.5,
      meanResponseMinutes: 10,
      respondedInTime: 1,
      rated: 2,
      meanRating: 3.5,
      complaints: 1,
    });
    expect(workloadValues(a!, 'x')).toMatchObject({ onSiteVisits: 0, onSiteHours: 0, meanRating: null });
  });
});

describe('the report', () => {
  const period = { from: at('2026-03-01T00:00:00Z'), to: at('2026-04-01T00:00:00Z') };

  it('draws the 80% and 70% targets and says whether they are met', () => {
    const tickets = countTickets(
      [
        ...Array.from({ length: 7 }, () => fact({ resolvedAt: T0, remote: true })),
        ...Array.from({ length: 3 }, () => fact({ resolvedAt: T0, remote: false })),
      ],
      10,
      ASOF,
    );
    const report = buildKpiReport({
      period,
      by: null,
      responseMinutes: 10,
      seatDays: 5,
      tickets: { total: tickets, groups: [] },
      calls: { total: { calls: 100, answered: 79 }, groups: [] },
      workload: [],
      names: new Map(),
    });
    expect(report.total.remoteResolutionRate).toEqual({
      numerator: 7,
      denominator: 10,
      rate: 0.7,
      target: 0.7,
      met: true,
    });
    expect(report.total.callAnswerRate).toMatchObject({ rate: 0.79, target: 0.8, met: false });
    expect(report.total.ticketsPerSeatPerDay).toBe(2);
  });

  it('says "unknown", not 0%, where there is nothing to measure', () => {
    const report = buildKpiReport({
      period,
      by: 'engineer',
      responseMinutes: 10,
      seatDays: 0,
      tickets: { total: countTickets([], 10, ASOF), groups: [] },
      calls: null,
      workload: [],
      names: new Map(),
    });
    expect(report.total.callAnswerRate).toBeNull();
    expect(report.total.remoteResolutionRate).toMatchObject({ rate: null, met: null });
    expect(report.total.satisfaction.mean).toBeNull();
    expect(report.total.ticketsPerSeatPerDay).toBeNull();
  });

  it('labels engineer groups by name and splits calls by department only', () => {
    const one = countTickets([fact()], 10, ASOF);
    const byEngineer = buildKpiReport({
      period,
      by: 'engineer',
      responseMinutes: 10,
      seatDays: 3,
      tickets: { total: one, groups: [{ key: 'eng-a', counts: one }] },
      calls: { total: { calls: 2, answered: 1 }, groups: [] },
      workload: [],
      names: new Map([['eng-a', '钱电脑']]),
    });
    expect(byEngineer.groups[0]).toMatchObject({ key: 'eng-a', label: '钱电脑', callAnswerRate: null });
    const byDepartment = buildKpiReport({
      period,
      by: 'department',
      responseMinutes: 10,
      seatDays: 3,
      tickets: { total: one, groups: [{ key: '财务处', counts: one }] },
      calls: {
        total: { calls: 2, answered: 1 },
        groups: [{ key: '财务处', counts: { calls: 2, answered: 1 } }],
      },
      workload: [],
      names: new Map(),
    });
    expect(byDepartment.groups[0]?.callAnswerRate).toMatchObject({ rate: 0.5 });
  });
});
