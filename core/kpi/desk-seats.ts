import { WEEKDAYS, type DeskSettings } from '../desk/desk-settings.js';
import { localClock } from '../shared/local-time.js';
import type { KpiPeriod } from './kpi-period.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Desk seats (坐席) staffed on a weekday: the most desk engineers any one shift puts on duty that day.
 * Three shifts of one person staff one seat around the clock, not three.
 */
export function seatsOn(desk: Pick<DeskSettings, 'rota' | 'people'>, weekdayIndex: number): number {
  const day = WEEKDAYS[weekdayIndex];
  if (!day) return 0;
  const deskIds = new Set(desk.people.filter((p) => p.role === 'desk' && p.active).map((p) => p.id));
  const perShift = new Map<string, Set<string>>();
  for (const entry of desk.rota) {
    if (!entry.days.includes(day)) continue;
    const seated = perShift.get(entry.shift) ?? new Set<string>();
    for (const id of entry.people) if (deskIds.has(id)) seated.add(id);
    perShift.set(entry.shift, seated);
  }
  return Math.max(0, ...[...perShift.values()].map((s) => s.size));
}

/**
 * Seat-days in the period: for every local calendar day the period touches (in the desk's zone),
 * the seats staffed that day, weighted by the share of the day inside the period.
 */
export function seatDays(
  desk: Pick<DeskSettings, 'rota' | 'people' | 'timezone'>,
  period: KpiPeriod,
): number {
  let total = 0;
  const end = period.to.getTime();
  // Hour steps find every local day even across DST changes; each hour carries 1/24 of its day's seats.
  const HOUR_MS = DAY_MS / 24;
  for (let t = period.from.getTime(); t < end; t += HOUR_MS) {
    const slice = Math.min(HOUR_MS, end - t) / HOUR_MS;
    total += (seatsOn(desk, localClock(new Date(t), desk.timezone).weekdayIndex) * slice) / 24;
  }
  return total;
}
