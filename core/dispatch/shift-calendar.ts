import { WEEKDAYS, type DeskSettings, type ShiftDefinition, type Weekday } from '../desk/desk-settings.js';
import { localClock } from '../shared/local-time.js';

const MINUTES_PER_DAY = 24 * 60;

/** "HH:MM" → minutes since midnight; "24:00" is the end of the day. Null when malformed. */
export function parseClockTime(value: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

/**
 * Whether a shift worked on the days in `days` covers local weekday `weekdayIndex` at `minuteOfDay`.
 * A shift whose end is at or before its start runs past midnight and belongs to the day it started:
 * 22:00–06:00 rostered on Monday covers Tuesday 03:00, and rostering it on Tuesday does not.
 */
export function shiftCovers(
  shift: ShiftDefinition,
  days: readonly Weekday[],
  weekdayIndex: number,
  minuteOfDay: number,
): boolean {
  const start = parseClockTime(shift.start);
  const end = parseClockTime(shift.end);
  if (start === null || end === null || start >= MINUTES_PER_DAY) return false;
  const today = WEEKDAYS[weekdayIndex];
  const yesterday = WEEKDAYS[(weekdayIndex + 6) % 7];
  const startedToday = today !== undefined && days.includes(today);
  const startedYesterday = yesterday !== undefined && days.includes(yesterday);
  if (end > start) return startedToday && minuteOfDay >= start && minuteOfDay < end;
  // Overnight (or a full 24 h when end equals start): the evening part today, the morning part tomorrow.
  return (startedToday && minuteOfDay >= start) || (startedYesterday && minuteOfDay < end);
}

/** Ids of everyone the rota puts on shift at instant `at`, judged in the desk's time zone. */
export function peopleOnShift(
  settings: Pick<DeskSettings, 'shifts' | 'rota' | 'timezone'>,
  at: Date,
): Set<string> {
  const { weekdayIndex, minuteOfDay } = localClock(at, settings.timezone);
  const shifts = new Map(settings.shifts.map((s) => [s.name, s]));
  const onShift = new Set<string>();
  for (const entry of settings.rota) {
    const shift = shifts.get(entry.shift);
    if (!shift || !shiftCovers(shift, entry.days, weekdayIndex, minuteOfDay)) continue;
    for (const id of entry.people) onShift.add(id);
  }
  return onShift;
}
