import type { QueryPeriod } from '../commands/command.js';
import { localClock } from '../shared/local-time.js';

export interface PeriodRange {
  period: QueryPeriod;
  /** Local midnight the period starts at, as an instant. */
  from: Date;
  /** Local midnight the next period starts at. */
  to: Date;
  /** 今天 (11月23日) / 本周 (11月23日–11月29日) / 本月 (2026年11月) */
  label: string;
}

const DAY_MS = 86_400_000;

/** Minutes the zone is ahead of UTC at `at`. */
function offsetMinutes(at: Date, timeZone: string): number {
  const { date, minuteOfDay } = localClock(at, timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const local = Date.UTC(y, m - 1, d) + minuteOfDay * 60_000;
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant local midnight starts `date` (YYYY-MM-DD) in `timeZone`, zone changes included. */
export function localMidnight(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  const second = guess - offsetMinutes(new Date(first), timeZone) * 60_000;
  return new Date(second);
}

/** YYYY-MM-DD plus whole days (calendar arithmetic, no zone involved). */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

const md = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** 今天/本周 (Monday first, as Chinese calendars are)/本月 around `now`, in the desk's zone. */
export function periodRange(period: QueryPeriod, now: Date, timeZone: string): PeriodRange {
  const { date, weekdayIndex } = localClock(now, timeZone);
  switch (period) {
    case 'today':
      return {
        period,
        from: localMidnight(date, timeZone),
        to: localMidnight(addDays(date, 1), timeZone),
        label: `今天（${md(date)}）`,
      };
    case 'week': {
      const monday = addDays(date, -weekdayIndex);
      return {
        period,
        from: localMidnight(monday, timeZone),
        to: localMidnight(addDays(monday, 7), timeZone),
        label: `本周（${md(monday)}–${md(addDays(monday, 6))}）`,
      };
    }
    case 'month': {
      const first = `${date.slice(0, 7)}-01`;
      const [y, m] = first.split('-').map(Number) as [number, number];
      const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      return {
        period,
        from: localMidnight(first, timeZone),
        to: localMidnight(next, timeZone),
        label: `本月（${y}年${m}月）`,
      };
    }
  }
}
