import type { DeskSettings } from '../desk/desk-settings.js';
import { parseClockTime, peopleOnShift } from '../dispatch/shift-calendar.js';
import { localClock } from '../shared/local-time.js';

type Rota = Pick<DeskSettings, 'shifts' | 'rota' | 'timezone'>;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The instant a local wall-clock time has in `timeZone` (minuteOfDay may be 1440: the next midnight). */
export function localToInstant(date: string, minuteOfDay: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minuteOfDay * MINUTE;
  let guess = wall;
  // Two corrections settle any zone offset (and land after a DST gap rather than inside it).
  for (let i = 0; i < 2; i++) {
    const local = localClock(new Date(guess), timeZone);
    const [ly, lm, ld] = local.date.split('-').map(Number) as [number, number, number];
    const seen = Date.UTC(ly, lm - 1, ld) + local.minuteOfDay * MINUTE;
    guess += wall - seen;
  }
  return new Date(guess);
}

export interface ShiftEnd {
  at: Date;
  /** Names of the shifts ending at that instant. */
  shifts: string[];
  /** People on shift the minute before and not the minute after. */
  offDuty: string[];
}

/**
 * The first moment after `after` at which someone the filter cares about goes off duty, judged
 * from the rota in the desk's zone (an overnight shift ends the next morning). Null when the rota
 * never sends anyone home (one person on duty around the clock).
 */
export function nextShiftEnd(
  desk: Rota,
  after: Date,
  counts: (personId: string) => boolean = () => true,
): ShiftEnd | null {
  const today = localClock(after, desk.timezone).date;
  const candidates = new Map<number, Set<string>>();
  for (let offset = -1; offset <= 8; offset++) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
    for (const shift of desk.shifts) {
      const start = parseClockTime(shift.start);
      const end = parseClockTime(shift.end);
      if (start === null || end === null) continue;
      const at = localToInstant(date, end, desk.timezone).getTime();
      if (at <= after.getTime()) continue;
      const names = candidates.get(at) ?? new Set<string>();
      names.add(shift.name);
      candidates.set(at, names);
    }
  }
  for (const at of [...candidates.keys()].sort((a, b) => a - b)) {
    const before = peopleOnShift(desk, new Date(at - MINUTE));
    const afterEnd = peopleOnShift(desk, new Date(at));
    const offDuty = [...before].filter((id) => !afterEnd.has(id) && counts(id)).sort();
    if (offDuty.length > 0) return { at: new Date(at), shifts: [...(candidates.get(at) ?? [])], offDuty };
  }
  return null;
}
