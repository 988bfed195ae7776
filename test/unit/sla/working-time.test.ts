import { describe, expect, it } from 'vitest';
import { chineseHolidayBook } from '../../../adapters/sla/chinese-holiday-book.js';
import type { SlaCalendarDefinition } from '../../../core/desk/desk-settings.js';
import { ALWAYS, SlaCalendar, type HolidayBook } from '../../../core/sla/sla-calendar.js';
import { addWorkingTime, workingTimeBetween } from '../../../core/sla/working-time.js';
import { zonedInstant } from '../../../core/sla/local-dates.js';

const TZ = 'Asia/Shanghai';
const MIN = 60_000;
/** A local Beijing time as epoch ms: "2025-10-17 17:00". */
const at = (local: string): number => new Date(`${local.replace(' ', 'T')}:00+08:00`).getTime();
const show = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

const WEEKDAYS_ONLY = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const office = (holidays: 'cn' | 'none'): SlaCalendarDefinition => ({
  name: 'office',
  kind: 'hours',
  windows: [{ days: [...WEEKDAYS_ONLY], start: '08:30', end: '17:30' }],
  holidays,
});
const cal = (def: SlaCalendarDefinition, book: HolidayBook = chineseHolidayBook) =>
  new SlaCalendar(def, TZ, book);

describe('adding working time on a calendar', () => {
  it('7×24: minutes are minutes, day or night', () => {
    expect(show(addWorkingTime(cal(ALWAYS), at('2025-10-01 23:55'), 10 * MIN))).toBe('2025-10-02 00:05');
  });

  it('business hours: what is left at closing carries over the weekend to Monday morning', () => {
    expect(show(addWorkingTime(cal(office('none')), at('2025-10-17 17:00'), 60 * MIN))).toBe(
      '2025-10-20 09:00',
    );
  });

  it('a clock started outside hours begins at the next opening', () => {
    expect(show(addWorkingTime(cal(office('none')), at('2025-10-20 06:00'), 10 * MIN))).toBe(
      '2025-10-20 08:40',
    );
    expect(show(addWorkingTime(cal(office('none')), at('2025-10-20 17:30'), 10 * MIN))).toBe(
      '2025-10-21 08:40',
    );
  });

  it('Chinese public holidays are skipped: National Day 2025 runs 1–8 October', () => {
    expect(show(addWorkingTime(cal(office('cn')), at('2025-09-30 17:00'), 60 * MIN))).toBe(
      '2025-10-09 09:00',
    );
    // The same calendar without holidays would have used 1 October.
    expect(show(addWorkingTime(cal(office('none')), at('2025-09-30 17:00'), 60 * MIN))).toBe(
      '2025-10-01 09:00',
    );
  });

  it('a make-up Saturday (调休, 2025-10-11) is worked with weekday hours', () => {
    expect(show(addWorkingTime(cal(office('cn')), at('2025-10-10 17:00'), 60 * MIN))).toBe(
      '2025-10-11 09:00',
    );
    expect(show(addWorkingTime(cal(office('none')), at('2025-10-10 17:00'), 60 * MIN))).toBe(
      '2025-10-13 09:00',
    );
  });

  it('a make-up Sunday (2025-09-28) before National Day is worked too', () => {
    expect(show(addWorkingTime(cal(office('cn')), at('2025-09-26 17:00'), 60 * MIN))).toBe(
      '2025-09-28 09:00',
    );
  });

  it('Spring Festival 2026: holiday weekdays skipped, make-up Saturdays 14 and 28 February worked', () => {
    // Fri 13 Feb 17:00 + 1 h: 30 min that day, the rest on the make-up Saturday.
    expect(show(addWorkingTime(cal(office('cn')), at('2026-02-13 17:00'), 60 * MIN))).toBe(
      '2026-02-14 09:00',
    );
    // Sat 14 Feb 17:00 + 1 h: the festival holiday runs 15–23 February; work resumes on the 24th.
    expect(show(addWorkingTime(cal(office('cn')), at('2026-02-14 17:00'), 60 * MIN))).toBe(
      '2026-02-24 09:00',
    );
  });

  it('holidays come from an injected book: a made-up one is honoured the same way', () => {
    const book: HolidayBook = {
      kindOf: (d) => (d === '2025-10-20' ? 'holiday' : d === '2025-10-19' ? 'makeup' : null),
    };
    expect(show(addWorkingTime(cal(office('cn'), book), at('2025-10-17 17:00'), 60 * MIN))).toBe(
      '2025-10-19 09:00',
    );
    expect(show(addWorkingTime(cal(office('cn'), book), at('2025-10-19 17:00'), 60 * MIN))).toBe(
      '2025-10-21 09:00',
    );
  });

  it('overnight hours belong to the day they start: Mon–Fri 22:00–06:00', () => {
    const night = cal({
      name: 'night',
      kind: 'hours',
      windows: [{ days: [...WEEKDAYS_ONLY], start: '22:00', end: '06:00' }],
      holidays: 'none',
    });
    // Saturday 01:00 is still Friday's night shift.
    expect(show(addWorkingTime(night, at('2025-10-18 01:00'), 30 * MIN))).toBe('2025-10-18 01:30');
    // Saturday 05:50 + 30: 10 min left of Friday's shift, the rest on Monday night.
    expect(show(addWorkingTime(night, at('2025-10-18 05:50'), 30 * MIN))).toBe('2025-10-20 22:20');
    // Saturday night is not rostered.
    expect(show(addWorkingTime(night, at('2025-10-18 23:00'), 30 * MIN))).toBe('2025-10-20 22:30');
  });

  it('an every-day shift spanning midnight runs across the date change', () => {
    const evening = cal({
      name: 'evening',
      kind: 'hours',
      windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '20:00', end: '08:00' }],
      holidays: 'none',
    });
    expect(show(addWorkingTime(evening, at('2025-10-20 23:50'), 20 * MIN))).toBe('2025-10-21 00:10');
    expect(show(addWorkingTime(evening, at('2025-10-21 07:30'), 60 * MIN))).toBe('2025-10-21 20:30');
  });
});

describe('pauses (pending on the user or a vendor)', () => {
  it('7×24: paused time extends the deadline by as much', () => {
    const start = at('2025-10-20 10:00');
    const pause = { start: start + 10 * MIN, end: start + 40 * MIN };
    expect(show(addWorkingTime(cal(ALWAYS), start, 60 * MIN, [pause]))).toBe('2025-10-20 11:30');
  });

  it('a pause still open stops the clock: no deadline until it ends', () => {
    const start = at('2025-10-20 10:00');
    expect(addWorkingTime(cal(ALWAYS), start, 60 * MIN, [{ start: start + 10 * MIN, end: null }])).toBeNull();
    // …unless the deadline comes before the pause began.
    expect(show(addWorkingTime(cal(ALWAYS), start, 5 * MIN, [{ start: start + 10 * MIN, end: null }]))).toBe(
      '2025-10-20 10:05',
    );
  });

  it('a pause across a holiday: only the working time it covered is added back', () => {
    const start = at('2025-09-30 09:00');
    // Unpaused: 8 h fit into 30 September (08:30–17:30 is 9 h).
    expect(show(addWorkingTime(cal(office('cn')), start, 480 * MIN))).toBe('2025-09-30 17:00');
    // Pending from 12:00 on the 30th until 10:00 on 9 October: 3 h before, 5 h after.
    const pause = { start: at('2025-09-30 12:00'), end: at('2025-10-09 10:00') };
    expect(show(addWorkingTime(cal(office('cn')), start, 480 * MIN, [pause]))).toBe('2025-10-09 15:00');
  });

  it('a pause wholly inside a holiday changes nothing', () => {
    const start = at('2025-09-30 16:30');
    const pause = { start: at('2025-10-02 09:00'), end: at('2025-10-05 18:00') };
    const without = addWorkingTime(cal(office('cn')), start, 90 * MIN);
    expect(show(without)).toBe('2025-10-09 09:00');
    expect(addWorkingTime(cal(office('cn')), start, 90 * MIN, [pause])).toBe(without);
  });

  it('overlapping and unordered pauses count once', () => {
    const start = at('2025-10-20 10:00');
    const pauses = [
      { start: start + 20 * MIN, end: start + 40 * MIN },
      { start: start + 10 * MIN, end: start + 30 * MIN },
    ];
    expect(show(addWorkingTime(cal(ALWAYS), start, 60 * MIN, pauses))).toBe('2025-10-20 11:30');
  });

  it('working time between two instants agrees with adding it', () => {
    const c = cal(office('cn'));
    const start = at('2025-09-26 15:00');
    const pause = { start: at('2025-09-28 10:00'), end: at('2025-09-28 11:00') };
    const end = addWorkingTime(c, start, 600 * MIN, [pause]);
    expect(end).not.toBeNull();
    expect(workingTimeBetween(c, start, end!, [pause])).toBe(600 * MIN);
  });
});

describe('calendar definitions', () => {
  it('a calendar without working hours is refused', () => {
    expect(() =>
      cal({
        name: 'never',
        kind: 'hours',
        windows: [{ days: [], start: '08:00', end: '17:00' }],
        holidays: 'none',
      }),
    ).toThrow(/no working hours/);
  });

  it('local wall-clock times are converted in the zone, across a DST change too', () => {
    expect(new Date(zonedInstant('2025-10-20', 8 * 60 + 30, TZ)).toISOString()).toBe(
      '2025-10-20T00:30:00.000Z',
    );
    // New York: 9 March 2025 02:30 does not exist; 03:30 is EDT (UTC−4).
    expect(new Date(zonedInstant('2025-03-09', 3 * 60 + 30, 'America/New_York')).toISOString()).toBe(
      '2025-03-09T07:30:00.000Z',
    );
    expect(new Date(zonedInstant('2025-03-08', 9 * 60, 'America/New_York')).toISOString()).toBe(
      '2025-03-08T14:00:00.000Z',
    );
  });
});
