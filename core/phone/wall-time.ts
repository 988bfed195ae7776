/**
 * Asterisk writes `YYYY-MM-DD HH:MM:SS` in the PBX's local time (cdr.conf usegmtime=no, the
 * default). Turning that into an instant needs the zone's offset at that moment; offsets change
 * at most hourly, so they are cached per local hour — a million rows cost a few thousand Intl calls.
 */
const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, f);
  }
  return f;
}

/** Milliseconds the zone is ahead of UTC at instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) p[part.type] = Number(part.value);
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

export class WallClockParser {
  private readonly offsets = new Map<string, number>();

  constructor(private readonly timeZone: string) {
    formatter(timeZone); // throws RangeError now on an unknown zone, not on the first row
  }

  /** The instant a local wall-clock time names, or null when the text is not one. */
  parse(text: string): Date | null {
    const m = WALL.exec(text.trim());
    if (!m) return null;
    const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
    const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
    if (new Date(asUtc).getUTCDate() !== d) return null; // 2024-02-30
    if (this.timeZone === 'UTC') return new Date(asUtc);
    const hourKey = text.slice(0, 13);
    let offset = this.offsets.get(hourKey);
    if (offset === undefined) {
      // Guess with the offset at the wall time read as UTC, then correct once (DST edges).
      const first = offsetAt(asUtc, this.timeZone);
      offset = offsetAt(asUtc - first, this.timeZone);
      if (this.offsets.size > 50_000) this.offsets.clear();
      this.offsets.set(hourKey, offset);
    }
    return new Date(asUtc - offset);
  }
}
