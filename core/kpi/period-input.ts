import { localClock } from '../shared/local-time.js';
import { err, ok, type Result } from '../shared/result.js';
import type { KpiPeriod } from './kpi-period.js';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** The instant local midnight of `date` (YYYY-MM-DD) begins in `timeZone`; null for an impossible date. */
export function startOfLocalDay(date: string, timeZone: string): Date | null {
  const m = DATE_ONLY.exec(date);
  if (!m) return null;
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(utcMidnight).toISOString().slice(0, 10) !== date) return null;
  // The zone's offset at that moment; checked again at the guess, since DST may change it in between.
  let guess = utcMidnight;
  for (let i = 0; i < 2; i += 1) {
    const local = localClock(new Date(guess), timeZone);
    const localAsUtc = Date.UTC(
      Number(local.date.slice(0, 4)),
      Number(local.date.slice(5, 7)) - 1,
      Number(local.date.slice(8, 10)),
    );
    guess -= localAsUtc + local.minuteOfDay * 60_000 - utcMidnight;
  }
  return new Date(guess);
}

/**
 * A report period from what a person types: `2026-03-01` (a local day in the desk's zone) or a full
 * ISO instant with its zone. A date-only `to` includes that whole day, as people mean it.
 */
export function periodFromInput(
  input: { from: string; to: string },
  timeZone: string,
): Result<KpiPeriod, { field: 'from' | 'to'; message: string }> {
  const parse = (
    field: 'from' | 'to',
    raw: string,
  ): Result<Date, { field: 'from' | 'to'; message: string }> => {
    const value = raw.trim();
    const bad = err({
      field,
      message: `"${raw}" is not a date (2026-03-01) or an instant with its zone (2026-03-01T08:00:00+08:00).`,
    });
    if (DATE_ONLY.test(value)) {
      const start = startOfLocalDay(value, timeZone);
      if (!start) return bad;
      if (field === 'from') return ok(start);
      const next = startOfLocalDay(
        new Date(Date.parse(`${value}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10),
        timeZone,
      );
      return next ? ok(next) : bad;
    }
    if (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) return bad;
    return ok(new Date(value));
  };
  const from = parse('from', input.from);
  if (!from.ok) return from;
  const to = parse('to', input.to);
  if (!to.ok) return to;
  if (to.value.getTime() <= from.value.getTime())
    return err({ field: 'to', message: 'to must be after from.' });
  return ok({ from: from.value, to: to.value });
}
