import { describe, expect, it } from 'vitest';
import type { DeskSettings } from '../../../core/desk/desk-settings.js';
import { parseClockTime, peopleOnShift } from '../../../core/dispatch/index.js';

// 2026-11-23 is a Monday. Shanghai is UTC+8 all year.
const shanghai = (local: string): Date => new Date(`${local}+08:00`);

const settings: Pick<DeskSettings, 'shifts' | 'rota' | 'timezone'> = {
  timezone: 'Asia/Shanghai',
  shifts: [
    { name: '早', start: '08:00', end: '16:00' },
    { name: '中', start: '16:00', end: '24:00' },
    { name: '晚', start: '00:00', end: '08:00' },
    { name: '夜', start: '22:00', end: '06:00' },
    { name: '全天', start: '08:00', end: '08:00' },
  ],
  rota: [
    { shift: '早', people: ['desk-early'], days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    { shift: '中', people: ['desk-late'], days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    { shift: '晚', people: ['desk-small-hours'], days: ['tue'] },
    { shift: '夜', people: ['eng-night'], days: ['sun', 'mon'] },
    { shift: '全天', people: ['eng-weekend'], days: ['sat'] },
    { shift: '不存在的班次', people: ['ghost'], days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
  ],
};

const onShiftAt = (at: Date, tz = settings.timezone): string[] =>
  [...peopleOnShift({ ...settings, timezone: tz }, at)].sort();

describe('peopleOnShift', () => {
  it('finds the day shift during the day', () => {
    expect(onShiftAt(shanghai('2026-11-23T10:00:00'))).toEqual(['desk-early']);
  });

  it('starts a shift at its start and ends it just before its end', () => {
    expect(onShiftAt(shanghai('2026-11-23T07:59:59'))).toEqual([]);
    expect(onShiftAt(shanghai('2026-11-23T08:00:00'))).toEqual(['desk-early']);
    expect(onShiftAt(shanghai('2026-11-23T15:59:59'))).toEqual(['desk-early']);
    expect(onShiftAt(shanghai('2026-11-23T16:00:00'))).toEqual(['desk-late']);
  });

  it('runs a shift ending at 24:00 to the last minute of its day, and not into the next', () => {
    expect(onShiftAt(shanghai('2026-11-23T23:59:00'))).toContain('desk-late');
    expect(onShiftAt(shanghai('2026-11-24T00:00:00'))).not.toContain('desk-late');
  });

  it('covers a 00:00–08:00 shift on the day it is rostered only', () => {
    expect(onShiftAt(shanghai('2026-11-24T00:00:00'))).toContain('desk-small-hours'); // Tuesday
    expect(onShiftAt(shanghai('2026-11-24T07:59:00'))).toContain('desk-small-hours');
    expect(onShiftAt(shanghai('2026-11-23T03:00:00'))).not.toContain('desk-small-hours'); // Monday
    expect(onShiftAt(shanghai('2026-11-25T03:00:00'))).not.toContain('desk-small-hours'); // Wednesday
  });

  it('attributes an overnight shift to the day it started', () => {
    // 夜 22:00–06:00 rostered on Sunday and Monday.
    expect(onShiftAt(shanghai('2026-11-23T22:00:00'))).toEqual(['desk-late', 'eng-night']); // Monday evening
    expect(onShiftAt(shanghai('2026-11-24T03:00:00'))).toEqual(['desk-small-hours', 'eng-night']); // Tuesday, Monday's night
    expect(onShiftAt(shanghai('2026-11-24T06:00:00'))).toEqual(['desk-small-hours']);
    expect(onShiftAt(shanghai('2026-11-24T23:00:00'))).toEqual(['desk-late']); // Tuesday evening: not rostered
    expect(onShiftAt(shanghai('2026-11-25T03:00:00'))).toEqual([]); // Wednesday: Tuesday had no night shift
  });

  it('carries a Sunday night shift across the week boundary into Monday', () => {
    expect(onShiftAt(shanghai('2026-11-23T05:59:00'))).toEqual(['eng-night']);
    expect(onShiftAt(shanghai('2026-11-22T21:59:00'))).toEqual([]); // Sunday, before it starts
  });

  it('treats a shift whose end equals its start as 24 hours from the start day', () => {
    expect(onShiftAt(shanghai('2026-11-28T07:59:00'))).not.toContain('eng-weekend'); // Saturday, before start
    expect(onShiftAt(shanghai('2026-11-28T08:00:00'))).toContain('eng-weekend');
    expect(onShiftAt(shanghai('2026-11-29T07:59:00'))).toContain('eng-weekend'); // Sunday morning
    expect(onShiftAt(shanghai('2026-11-29T08:00:00'))).not.toContain('eng-weekend');
  });

  it('judges the instant in the desk time zone, not UTC', () => {
    const instant = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai, Monday 02:00 in UTC
    expect(onShiftAt(instant, 'Asia/Shanghai')).toEqual(['desk-early']);
    expect(onShiftAt(instant, 'UTC')).toEqual(['eng-night']);
    const sundayUtc = new Date('2026-11-22T20:00:00Z'); // Sunday 20:00 UTC, Monday 04:00 in Shanghai
    expect(onShiftAt(sundayUtc, 'UTC')).toEqual([]);
    expect(onShiftAt(sundayUtc, 'Asia/Shanghai')).toEqual(['eng-night']);
  });

  it('ignores rota lines naming a shift that is not defined', () => {
    expect(onShiftAt(shanghai('2026-11-23T10:00:00'))).not.toContain('ghost');
  });
});

describe('parseClockTime', () => {
  it('reads HH:MM including the end of day', () => {
    expect(parseClockTime('00:00')).toBe(0);
    expect(parseClockTime('7:30')).toBe(450);
    expect(parseClockTime('23:59')).toBe(1439);
    expect(parseClockTime('24:00')).toBe(1440);
  });

  it('rejects what is not a time of day', () => {
    for (const bad of ['24:01', '25:00', '12:60', 'noon', '', '12'])
      expect(parseClockTime(bad), bad).toBeNull();
  });
});
