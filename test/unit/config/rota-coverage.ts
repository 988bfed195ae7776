import { WEEKDAYS, type DeskSettings, type Person } from '../../../core/desk/index.js';

const DAY = 24 * 60;
const WEEK = 7 * DAY;

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * Who is on duty at each minute of the week (index 0 = Monday 00:00), from shifts + rota, with the
 * convention desk.yaml documents: a shift ending at or before its start runs past midnight into the next day.
 */
export function onDutyByMinute(desk: DeskSettings): Set<string>[] {
  const slots = Array.from({ length: WEEK }, () => new Set<string>());
  for (const entry of desk.rota) {
    const shift = desk.shifts.find((s) => s.name === entry.shift);
    if (!shift) throw new Error(`rota names unknown shift ${entry.shift}`);
    const start = minutes(shift.start);
    let end = minutes(shift.end);
    if (end <= start) end += DAY;
    for (const day of entry.days) {
      const base = WEEKDAYS.indexOf(day) * DAY;
      for (let t = base + start; t < base + end; t++) {
        for (const id of entry.people) slots[t % WEEK]?.add(id);
      }
    }
  }
  return slots;
}

/** The weekday/hour slots (e.g. `sat 03:00`) in which no one matching `who` is on duty for the whole hour. */
export function uncoveredHours(desk: DeskSettings, who: (person: Person) => boolean): string[] {
  const byId = new Map(desk.people.map((p) => [p.id, p]));
  const slots = onDutyByMinute(desk);
  const gaps: string[] = [];
  for (let hour = 0; hour < 7 * 24; hour++) {
    const covered = slots.slice(hour * 60, hour * 60 + 60).every((ids) =>
      [...ids].some((id) => {
        const person = byId.get(id);
        return person !== undefined && person.active && who(person);
      }),
    );
    if (!covered) gaps.push(`${WEEKDAYS[Math.floor(hour / 24)]} ${String(hour % 24).padStart(2, '0')}:00`);
  }
  return gaps;
}
