import { describe, expect, it } from 'vitest';
import { parseCallTime, WallClockParser } from '../../../core/phone/index.js';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset at `ms` straight from Intl, every time: the reference the cached parser must match. */
function offsetAt(ms: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const p = Object.fromEntries(parts.map((x) => [x.type, Number(x.value)]));
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

function reference(text: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(asUtc).getUTCDate() !== d) return null;
  if (timeZone === 'UTC') return new Date(asUtc).toISOString();
  const first = offsetAt(asUtc, timeZone);
  return new Date(asUtc - offsetAt(asUtc - first, timeZone)).toISOString();
}

describe('WallClockParser', () => {
  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/Moscow', 'Australia/Lord_Howe', 'UTC'])(
    'reads every hour of a year in %s as Intl does, DST changes included',
    (zone) => {
      const parser = new WallClockParser(zone);
      const pad = (n: number) => String(n).padStart(2, '0');
      for (let hour = 0; hour < 366 * 24; hour += 1) {
        const t = new Date(Date.UTC(2024, 0, 1) + hour * 3_600_000 + ((hour * 7) % 60) * 60_000);
        const text =
          `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ` +
          `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(hour % 60)}`;
        expect(parser.parse(text)?.toISOString() ?? null).toBe(reference(text, zone));
      }
    },
  );

  it.each([
    '2026-03-02 09:00:00',
    '2026-03-02T09:00:00',
    '2026-03-02 09:00:00.250',
    ' 2026-03-02 09:00:00 ',
    '2024-02-29 23:59:59',
    '2023-02-29 10:00:00',
    '2026-04-31 10:00:00',
    '2026-13-01 10:00:00',
    '2026-03-02 24:00:00',
    '2026-03-02 09:60:00',
    '2026-03-02 09:00:60',
    '2026-03-02 09:00',
    '2026/03/02 09:00:00',
    '2026-03-02 09:0a:00',
    '0099-12-31 10:00:00',
    '',
    'yesterday',
  ])('reads %j as before, or refuses it', (text) => {
    expect(new WallClockParser('Asia/Shanghai').parse(text)?.toISOString() ?? null).toBe(
      reference(text, 'Asia/Shanghai'),
    );
  });

  it('still reads Unix seconds and ISO times with a zone in call records', () => {
    const wall = new WallClockParser('Asia/Shanghai');
    expect(parseCallTime('1772413200', wall)?.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(parseCallTime('1772413200.5', wall)?.toISOString()).toBe('2026-03-02T01:00:00.500Z');
    expect(parseCallTime('2026-03-02T09:00:00+08:00', wall)?.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(parseCallTime(' 2026-03-02 09:00:00', wall)?.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(parseCallTime('2026-03-02 09:00:00Z', wall)).toBeNull();
  });
});
