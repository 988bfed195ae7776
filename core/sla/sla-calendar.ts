import { WEEKDAYS, type SlaCalendarDefinition } from '../desk/desk-settings.js';
import { parseClockTime } from '../dispatch/shift-calendar.js';
import { localClock } from '../shared/local-time.js';
import { addDays, weekdayOf, zonedInstant } from './local-dates.js';

/** What a public-holiday source says about a date: a day off, a make-up working day (调休), or nothing special. */
export type HolidayKind = 'holiday' | 'makeup' | null;

/** Public holidays and make-up days (an adapter over `chinese-days`); dates are YYYY-MM-DD local. */
export interface HolidayBook {
  kindOf(date: string): HolidayKind;
}

export const NO_HOLIDAYS: HolidayBook = { kindOf: () => null };

export const ALWAYS: SlaCalendarDefinition = { name: '24x7', kind: '24x7' };

/** A span of working time, epoch milliseconds, end exclusive (Infinity for 7×24). */
export interface Span {
  start: number;
  end: number;
}

interface ParsedWindow {
  days: Set<number>;
  start: number;
  end: number;
}

// A calendar with no working day in this many days is a configuration error, not a long wait.
const MAX_IDLE_DAYS = 400;
/** Days whose spans are kept (about 11 years of dates); the cache starts over beyond that. */
const MAX_CACHED_DAYS = 4096;

/** A calendar ready for arithmetic in one time zone. */
export class SlaCalendar {
  private readonly windows: ParsedWindow[];
  /**
   * A date's working spans as instants. Every ticket change re-plans its timers, each a walk over
   * the same few days, and turning a local time into an instant asks the time-zone database twice.
   */
  private readonly daySpans = new Map<string, readonly Span[]>();

  constructor(
    readonly definition: SlaCalendarDefinition,
    private readonly timeZone: string,
    private readonly holidays: HolidayBook = NO_HOLIDAYS,
  ) {
    this.windows =
      definition.kind === '24x7'
        ? []
        : definition.windows.map((w) => {
            const start = parseClockTime(w.start);
            const end = parseClockTime(w.end);
            if (start === null || end === null || start >= 1440)
              throw new RangeError(`Calendar ${definition.name}: bad window ${w.start}–${w.end}`);
            return {
              days: new Set(w.days.map((d) => WEEKDAYS.indexOf(d))),
              start,
              end: end <= start ? end + 1440 : end,
            };
          });
    if (definition.kind === 'hours' && this.windows.every((w) => w.days.size === 0))
      throw new RangeError(`Calendar ${definition.name} has no working hours.`);
  }

  get name(): string {
    return this.definition.name;
  }

  /** The windows worked on a local date, as minutes from that date's midnight (may pass 1440). */
  private windowsOn(date: string): Array<[number, number]> {
    const book = this.definition.kind === 'hours' && this.definition.holidays === 'cn' ? this.holidays : null;
    const kind = book?.kindOf(date) ?? null;
    if (kind === 'holiday') return [];
    const weekday = kind === 'makeup' ? 0 : weekdayOf(date);
    return this.windows.filter((w) => w.days.has(weekday)).map((w) => [w.start, w.end]);
  }

  /** The working spans of a local date, as instants in time order. */
  private spansOn(date: string): readonly Span[] {
    const known = this.daySpans.get(date);
    if (known) return known;
    const spans = this.windowsOn(date)
      .map(([s, e]) => ({
        start: zonedInstant(date, s, this.timeZone),
        end: zonedInstant(date, e, this.timeZone),
      }))
      .sort((a, b) => a.start - b.start);
    if (this.daySpans.size >= MAX_CACHED_DAYS) this.daySpans.clear();
    this.daySpans.set(date, spans);
    return spans;
  }

  /** Working spans in time order, starting with the one that contains or follows `from`. */
  *spans(from: number): Generator<Span> {
    if (this.definition.kind === '24x7') {
      yield { start: from, end: Number.POSITIVE_INFINITY };
      return;
    }
    // Yesterday's overnight window may still be open at `from`.
    let date = addDays(localClock(new Date(from), this.timeZone).date, -1);
    let idle = 0;
    let last = from;
    while (idle < MAX_IDLE_DAYS) {
      const todays = this.spansOn(date);
      idle = todays.length === 0 ? idle + 1 : 0;
      for (const span of todays) {
        const start = Math.max(span.start, last);
        if (span.end <= start) continue;
        yield { start, end: span.end };
        last = span.end;
      }
      date = addDays(date, 1);
    }
    throw new RangeError(
      `Calendar ${this.name}: no working time within ${MAX_IDLE_DAYS} days of ${new Date(from).toISOString()}`,
    );
  }
}
