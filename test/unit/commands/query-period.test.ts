import { describe, expect, it } from 'vitest';
import { localMidnight, periodRange } from '../../../core/queries/index.js';

const SH = 'Asia/Shanghai';
const iso = (r: { from: Date; to: Date }) => [r.from.toISOString(), r.to.toISOString()];

describe('periodRange in the desk time zone', () => {
  it('00:30 on Monday in Shanghai is already Monday: today and this week start at local midnight', () => {
    const now = new Date('2026-11-22T16:30:00Z');
    expect(iso(periodRange('today', now, SH))).toEqual([
      '2026-11-22T16:00:00.000Z',
      '2026-11-23T16:00:00.000Z',
    ]);
    expect(iso(periodRange('week', now, SH))).toEqual([
      '2026-11-22T16:00:00.000Z',
      '2026-11-29T16:00:00.000Z',
    ]);
    expect(periodRange('week', now, SH).label).toBe('本周（11月23日–11月29日）');
    expect(iso(periodRange('month', now, SH))).toEqual([
      '2026-10-31T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
    ]);
  });

  it('23:59 on Sunday still belongs to the week that began the Monday before', () => {
    const now = new Date('2026-11-22T15:59:00Z');
    expect(periodRange('today', now, SH).label).toBe('今天（11月22日）');
    expect(iso(periodRange('week', now, SH))).toEqual([
      '2026-11-15T16:00:00.000Z',
      '2026-11-22T16:00:00.000Z',
    ]);
  });

  it('December runs into the next year, and the first of a month at 00:00 is in that month', () => {
    const now = new Date('2026-11-30T16:00:00Z'); // 2026-12-01 00:00 in Shanghai
    const month = periodRange('month', now, SH);
    expect(iso(month)).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
    expect(month.label).toBe('本月（2026年12月）');
  });

  it('follows daylight saving where the zone has it: a 23-hour day in New York', () => {
    expect(localMidnight('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    const day = periodRange('today', new Date('2026-03-08T17:00:00Z'), 'America/New_York');
    expect(iso(day)).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  });
});
