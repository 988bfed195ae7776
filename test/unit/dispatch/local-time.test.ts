import { describe, expect, it } from 'vitest';
import { localClock, localDate } from '../../../core/shared/index.js';

describe('localDate', () => {
  it('is the calendar date in the desk time zone', () => {
    const lateUtc = new Date('2026-11-23T16:30:00Z');
    expect(localDate(lateUtc, 'UTC')).toBe('2026-11-23');
    expect(localDate(lateUtc, 'Asia/Shanghai')).toBe('2026-11-24');
  });

  it('rolls over the year at local midnight', () => {
    expect(localDate(new Date('2026-12-31T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-12-31');
    expect(localDate(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
  });

  it('follows daylight saving where the zone has it', () => {
    // New York: UTC-4 in July, UTC-5 in January.
    expect(localDate(new Date('2026-07-01T03:30:00Z'), 'America/New_York')).toBe('2026-06-30');
    expect(localDate(new Date('2026-01-01T04:30:00Z'), 'America/New_York')).toBe('2025-12-31');
    expect(localDate(new Date('2026-01-01T05:30:00Z'), 'America/New_York')).toBe('2026-01-01');
  });

  it('refuses an unknown time zone', () => {
    expect(() => localDate(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('localClock', () => {
  it('gives weekday (Monday = 0) and minute of the day', () => {
    expect(localClock(new Date('2026-11-22T16:05:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-11-23',
      weekdayIndex: 0,
      minuteOfDay: 5,
    });
    expect(localClock(new Date('2026-11-22T16:05:00Z'), 'UTC')).toEqual({
      date: '2026-11-22',
      weekdayIndex: 6,
      minuteOfDay: 16 * 60 + 5,
    });
  });

  it('reports midnight as minute 0, not 24:00', () => {
    expect(localClock(new Date('2026-11-23T00:00:00Z'), 'UTC').minuteOfDay).toBe(0);
  });
});
