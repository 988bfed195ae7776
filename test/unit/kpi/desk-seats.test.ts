import { describe, expect, it } from 'vitest';
import { seatDays, seatsOn } from '../../../core/kpi/index.js';
import type { DeskSettings } from '../../../core/desk/index.js';
import { person } from '../../support/test-desk.js';

const desk: Pick<DeskSettings, 'rota' | 'people' | 'timezone'> = {
  timezone: 'Asia/Shanghai',
  people: [
    person({ id: 'd1', name: 'a', role: 'desk' }),
    person({ id: 'd2', name: 'b', role: 'desk' }),
    person({ id: 'd3', name: 'c', role: 'desk' }),
    person({ id: 'e1', name: 'e', role: 'engineer' }),
  ],
  rota: [
    // Weekdays: two desk engineers by day (plus an engineer, not a seat), one at night.
    { shift: 'day', people: ['d1', 'd2', 'e1'], days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    { shift: 'night', people: ['d3'], days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
  ],
};

describe('desk seats (坐席)', () => {
  it('counts the busiest shift of the day, desk engineers only', () => {
    expect(seatsOn(desk, 0)).toBe(2); // Monday
    expect(seatsOn(desk, 6)).toBe(1); // Sunday
  });

  it('sums seats over the local days of the period', () => {
    // Mon 2026-03-02 00:00 to Mon 2026-03-09 00:00 Shanghai: 5 weekdays × 2 + 2 weekend days × 1.
    const week = { from: new Date('2026-03-01T16:00:00Z'), to: new Date('2026-03-08T16:00:00Z') };
    expect(seatDays(desk, week)).toBeCloseTo(12, 6);
    // Half of a Monday.
    const half = { from: new Date('2026-03-01T16:00:00Z'), to: new Date('2026-03-02T04:00:00Z') };
    expect(seatDays(desk, half)).toBeCloseTo(1, 6);
  });
});
