/**
 * Wall-clock views of an instant in a named IANA time zone. Pure computation on the runtime's
 * time-zone data (Intl), so core can reason in the desk's local time without a clock or I/O.
 */

export interface LocalClock {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** 0 = Monday … 6 = Sunday, matching the WEEKDAYS order in desk settings. */
  weekdayIndex: number;
  /** Minutes since local midnight, 0…1439. */
  minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a DateTimeFormat is far costlier than using one; dispatch asks on every ticket.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The local date, weekday and time of day of `at` in `timeZone` (throws RangeError on an unknown zone). */
export function localClock(at: Date, timeZone: string): LocalClock {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const weekdayIndex = WEEKDAY_INDEX[parts.weekday ?? ''];
  if (weekdayIndex === undefined)
    throw new RangeError(`Unexpected weekday "${parts.weekday}" for ${timeZone}`);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekdayIndex,
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The desk's calendar date of an instant: ticket numbers count per local day. */
export function localDate(at: Date, timeZone: string): string {
  return localClock(at, timeZone).date;
}

/** `YYYY-MM-DD hh:mm` in the zone: how messages, mails and the CLI show an instant. */
export function localDateTime(at: Date, timeZone: string): string {
  const { date, minuteOfDay } = localClock(at, timeZone);
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return `${date} ${hh}:${mm}`;
}

/** Milliseconds `timeZone` is ahead of UTC at instant `ms` (throws RangeError on an unknown zone). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const f = formatterFor(timeZone);
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = Number(part.value);
  const asUtc = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}
