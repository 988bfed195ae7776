import { zoneOffsetMs } from '../shared/local-time.js';

/**
 * Asterisk writes `YYYY-MM-DD HH:MM:SS` in the PBX's local time (cdr.conf usegmtime=no, the
 * default). Turning that into an instant needs the zone's offset at that moment; offsets change
 * at most hourly, so they are cached per local hour — a million rows cost a few thousand Intl calls.
 */
const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;

const ZERO = 48;

/** The number written by `count` ASCII digits at `at`, or -1 when one of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

export class WallClockParser {
  /** Zone offsets by local hour (the wall time read as UTC, in whole hours). */
  private readonly offsets = new Map<number, number>();
  private lastHour = Number.NaN;
  private lastOffset = 0;

  constructor(private readonly timeZone: string) {
    zoneOffsetMs(0, timeZone); // throws RangeError now on an unknown zone, not on the first row
  }

  /** The instant a local wall-clock time names, or null when the text is not one. */
  parse(text: string): Date | null {
    // cdr_csv's own `YYYY-MM-DD HH:MM:SS` read digit by digit; anything else through the pattern.
    let y = -1;
    let mo = -1;
    let d = -1;
    let h = -1;
    let mi = -1;
    let s = -1;
    if (
      text.length === 19 &&
      text.charCodeAt(4) === 45 && // -
      text.charCodeAt(7) === 45 &&
      text.charCodeAt(13) === 58 && // :
      text.charCodeAt(16) === 58 &&
      (text.charCodeAt(10) === 32 || text.charCodeAt(10) === 84) // space or T
    ) {
      y = digitsAt(text, 0, 4);
      mo = digitsAt(text, 5, 2);
      d = digitsAt(text, 8, 2);
      h = digitsAt(text, 11, 2);
      mi = digitsAt(text, 14, 2);
      s = digitsAt(text, 17, 2);
    }
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) {
      const m = WALL.exec(text.trim());
      if (!m) return null;
      [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
    const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
    if (d > 28 && new Date(asUtc).getUTCDate() !== d) return null; // 2024-02-30
    if (this.timeZone === 'UTC') return new Date(asUtc);
    const hour = Math.floor(asUtc / 3_600_000);
    if (hour !== this.lastHour) {
      let offset = this.offsets.get(hour);
      if (offset === undefined) {
        // Guess with the offset at the wall time read as UTC, then correct once (DST edges).
        const first = zoneOffsetMs(asUtc, this.timeZone);
        offset = zoneOffsetMs(asUtc - first, this.timeZone);
        if (this.offsets.size > 50_000) this.offsets.clear();
        this.offsets.set(hour, offset);
      }
      this.lastHour = hour;
      this.lastOffset = offset;
    }
    return new Date(asUtc - this.lastOffset);
  }
}
