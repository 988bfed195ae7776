import { describe, expect, it } from 'vitest';
import { MODULE_TYPES, type DeskSettings } from '../../../core/desk/index.js';
import { formatConfigProblems, loadConfig, parseDeskYaml } from '../../../adapters/config/index.js';
import { REPO_ROOT, SAMPLE_PATH, SAMPLE_TEXT } from './config-fixtures.js';
import { onDutyByMinute, uncoveredHours } from './rota-coverage.js';

function sample(): DeskSettings {
  const result = parseDeskYaml(SAMPLE_TEXT, SAMPLE_PATH);
  if (!result.ok) throw new Error(formatConfigProblems(result.error));
  return result.value;
}

describe('desk.example.yaml', () => {
  it('loads as the default desk config with no problems', () => {
    const result = loadConfig({ env: {}, cwd: REPO_ROOT });
    if (!result.ok) expect.fail(formatConfigProblems(result.error));
    expect(result.value.deskConfigPath).toBe(SAMPLE_PATH);
    expect(result.value.desk.timezone).toBe('Asia/Shanghai');
    expect(result.value.desk.ticketPrefix).toBe('INC');
    expect(result.value.desk.sla.responseMinutes).toBe(10);
  });

  it('has the roster the brief describes', () => {
    const desk = sample();
    const count = (role: string) => desk.people.filter((p) => p.role === role).length;
    expect(count('desk')).toBeGreaterThanOrEqual(4);
    expect(count('engineer')).toBeGreaterThanOrEqual(10);
    expect(count('manager')).toBe(1);
    expect(count('auditor')).toBe(1);
    expect(count('it_head')).toBe(1);
    expect(count('reporter')).toBeGreaterThanOrEqual(5);
    const levels = new Set(desk.people.filter((p) => p.role === 'engineer').map((p) => p.level));
    expect([...levels].sort()).toEqual([1, 2, 3]);
    expect(desk.people.some((p) => p.areas.includes('*'))).toBe(true);
    expect(desk.categories.map((c) => c.name).sort()).toEqual([...MODULE_TYPES].sort());
  });

  it('keeps phone numbers and hotlines exactly as typed (leading zeros, hyphens)', () => {
    const desk = sample();
    expect(desk.people.find((p) => p.id === 'user-zhoumin')?.phone).toBe('010-62780302');
    expect(desk.hotlines).toEqual(['88886666', '6666']);
    expect(desk.shifts.find((s) => s.name === '中')?.end).toBe('24:00');
  });

  it('staffs the desk 7×24', () => {
    expect(uncoveredHours(sample(), (p) => p.role === 'desk')).toEqual([]);
  });

  it('has a field engineer for every category on duty at every hour', () => {
    const desk = sample();
    for (const category of desk.categories.map((c) => c.name)) {
      const gaps = uncoveredHours(desk, (p) => p.role === 'engineer' && p.skills.includes(category));
      expect(gaps, `${category} uncovered`).toEqual([]);
    }
  });

  it('puts L2/L3 engineers on call at night', () => {
    const desk = sample();
    const levels = new Map(desk.people.map((p) => [p.id, p.level]));
    const slots = onDutyByMinute(desk);
    for (let day = 0; day < 7; day++) {
      const threeAm = slots[day * 24 * 60 + 3 * 60] ?? new Set<string>();
      expect([...threeAm].some((id) => (levels.get(id) ?? 0) >= 2)).toBe(true);
    }
  });

  it('the coverage check itself notices a gap', () => {
    const desk = sample();
    const withoutSaturdayNight = {
      ...desk,
      rota: desk.rota.filter((e) => !(e.shift === '晚' && e.people.includes('desk-machao'))),
    };
    expect(uncoveredHours(withoutSaturdayNight, (p) => p.role === 'desk')).toEqual(
      Array.from({ length: 8 }, (_, h) => `sat 0${h}:00`),
    );
  });
});
