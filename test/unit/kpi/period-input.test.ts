import { describe, expect, it } from 'vitest';
import { periodFromInput, startOfLocalDay } from '../../../core/kpi/index.js';

describe('report periods as people type them', () => {
  it('reads dates as whole local days in the desk zone, `to` included', () => {
    const p = periodFromInput({ from: '2026-03-01', to: '2026-03-31' }, 'Asia/Shanghai');
    expect(p.ok && p.value.from.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(p.ok && p.value.to.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('finds local midnight across a DST change', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin')?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin')?.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDay('2026-02-30', 'Europe/Berlin')).toBeNull();
  });

  it('takes instants with their zone and refuses the rest with the field named', () => {
    const p = periodFromInput({ from: '2026-03-01T08:00:00+08:00', to: '2026-03-01T09:00:00Z' }, 'UTC');
    expect(p.ok && p.value.from.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(periodFromInput({ from: 'yesterday', to: '2026-03-01' }, 'UTC')).toMatchObject({
      ok: false,
      error: { field: 'from' },
    });
    expect(periodFromInput({ from: '2026-03-01T08:00', to: '2026-03-02' }, 'UTC').ok).toBe(false);
    expect(periodFromInput({ from: '2026-03-02', to: '2026-03-01' }, 'UTC')).toMatchObject({
      ok: false,
      error: { field: 'to', message: 'to must be after from.' },
    });
  });
});
