import type { SlaCalendar } from './sla-calendar.js';

/** The SLA clock stood still from `start` to `end` (null: still standing, e.g. pending right now). */
export interface Pause {
  start: number;
  end: number | null;
}

function merged(pauses: readonly Pause[]): Array<{ start: number; end: number }> {
  const sorted = pauses
    .map((p) => ({ start: p.start, end: p.end ?? Number.POSITIVE_INFINITY }))
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.start - b.start);
  const out: Array<{ start: number; end: number }> = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else out.push({ ...p });
  }
  return out;
}

/**
 * The instant at which `ms` of counted time has passed since `start`: working time on `calendar`
 * outside every pause. Null when a pause still open stops the clock before then (the deadline is
 * unknown until it ends). Epoch milliseconds in and out.
 */
export function addWorkingTime(
  calendar: SlaCalendar,
  start: number,
  ms: number,
  pauses: readonly Pause[] = [],
): number | null {
  const stops = merged(pauses);
  let remaining = ms;
  let p = 0;
  for (const span of calendar.spans(start)) {
    let cursor = span.start;
    while (cursor < span.end) {
      while (p < stops.length && stops[p]!.end <= cursor) p++;
      const stop = stops[p];
      if (stop && stop.start <= cursor) {
        if (stop.end === Number.POSITIVE_INFINITY) return null;
        cursor = stop.end;
        continue;
      }
      const until = Math.min(span.end, stop ? stop.start : Number.POSITIVE_INFINITY);
      if (remaining <= until - cursor) return cursor + remaining;
      remaining -= until - cursor;
      cursor = until;
    }
  }
  return null;
}

/** Counted time between two instants (for reports: how late, how long it took). */
export function workingTimeBetween(
  calendar: SlaCalendar,
  from: number,
  to: number,
  pauses: readonly Pause[] = [],
): number {
  if (to <= from) return 0;
  const stops = merged(pauses);
  let total = 0;
  for (const span of calendar.spans(from)) {
    if (span.start >= to) break;
    const end = Math.min(span.end, to);
    let counted = end - span.start;
    for (const s of stops) counted -= Math.max(0, Math.min(s.end, end) - Math.max(s.start, span.start));
    total += counted;
    if (span.end >= to) break;
  }
  return total;
}
