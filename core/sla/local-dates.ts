import { localClock } from '../shared/local-time.js';

const MINUTE = 60_000;
const DAY_MS = 24 * 60 * MINUTE;

const parts = (date: string): [number, number, number] => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a date YYYY-MM-DD: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};

/** The calendar date `days` after `date` (both YYYY-MM-DD, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday, like WEEKDAYS. */
export function weekdayOf(date: string): number {
  const [y, m, d] = parts(date);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/**
 * The instant the wall clock in `timeZone` shows `minuteOfDay` on `date` (1440 = the next midnight).
 * Found by correcting a UTC guess by the zone's offset, twice so a DST change in between is honoured;
 * a local time skipped by DST maps to the instant after the gap.
 */
export function zonedInstant(date: string, minuteOfDay: number, timeZone: string): number {
  const [y, m, d] = parts(date);
  const wall = Date.UTC(y, m - 1, d) + minuteOfDay * MINUTE;
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const seen = localClock(new Date(guess), timeZone);
    const [sy, sm, sd] = parts(seen.date);
    const shown = Date.UTC(sy, sm - 1, sd) + seen.minuteOfDay * MINUTE;
    guess += wall - shown;
  }
  return guess;
}
