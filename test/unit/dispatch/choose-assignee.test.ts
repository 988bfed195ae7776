import { describe, expect, it } from 'vitest';
import type { Person } from '../../../core/desk/person.js';
import { chooseAssignee, type ChooseAssigneeInput } from '../../../core/dispatch/index.js';
import { person } from './roster.js';

const printerAdmin = person('eng-printer-admin', { skills: ['打印机', '电脑'], areas: ['行政楼'], level: 1 });
const printerLab = person('eng-printer-lab', { skills: ['打印机'], areas: ['实验楼'], level: 1 });
const network = person('eng-network', { skills: ['网络'], areas: ['*'], level: 2 });
const senior = person('eng-senior', { skills: ['打印机', '网络', '电脑'], areas: ['*'], level: 3 });
const deskPerson = person('desk-zhang', { role: 'desk', skills: ['打印机'], areas: ['*'], level: null });

const input = (overrides: Partial<ChooseAssigneeInput> = {}): ChooseAssigneeInput => ({
  category: '打印机',
  location: '行政楼3楼财务室',
  people: [printerAdmin, printerLab, network, senior, deskPerson],
  onShift: new Set(['eng-printer-admin', 'eng-printer-lab', 'eng-network', 'eng-senior', 'desk-zhang']),
  openCounts: new Map(),
  ...overrides,
});

const chosen = (i: ChooseAssigneeInput): string => {
  const r = chooseAssignee(i);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.personId;
};

describe('chooseAssignee', () => {
  it('picks the engineer with the skill whose area covers the location, and explains why', () => {
    const r = chooseAssignee(input({ openCounts: new Map([['eng-printer-admin', 3]]) }));
    // Workload comes before level: the idle L3 beats the L1 with three open tickets.
    expect(r.ok && r.value.personId).toBe('eng-senior');
    const lighter = chooseAssignee(
      input({
        openCounts: new Map([
          ['eng-printer-admin', 3],
          ['eng-senior', 3],
        ]),
      }),
    );
    expect(lighter).toEqual({
      ok: true,
      value: {
        personId: 'eng-printer-admin',
        reason: {
          summary: '打印机技能·覆盖行政楼·在班·当前3单·L1',
          category: '打印机',
          location: '行政楼3楼财务室',
          candidates: [
            {
              ...{ personId: 'eng-printer-admin', openTickets: 3, level: 1, area: '行政楼', rank: 1 },
              score: { workload: -3, area: 0.3, level: 0, success: 0, total: -2.7 },
            },
            {
              ...{ personId: 'eng-senior', openTickets: 3, level: 3, area: '*', rank: 2 },
              score: { workload: -3, area: 0, level: -0.2, success: 0, total: -3.2 },
            },
          ],
          rejected: [
            { personId: 'eng-printer-lab', why: 'area' },
            { personId: 'eng-network', why: 'no_skill' },
          ],
        },
      },
    });
  });

  it('lets * cover every location and says so', () => {
    const r = chooseAssignee(input({ category: '网络', location: '图书馆二楼' }));
    expect(r.ok && r.value.personId).toBe('eng-network');
    expect(r.ok && r.value.reason.summary).toBe('网络技能·覆盖全部区域·在班·当前0单·L2');
  });

  it('matches areas case- and width-insensitively inside the location text', () => {
    const a = person('eng-a', { skills: ['电脑'], areas: ['Building A'] });
    const r = chooseAssignee(
      input({
        category: '电脑',
        location: 'ｂｕｉｌｄｉｎｇ a, 2F',
        people: [a],
        onShift: new Set(['eng-a']),
      }),
    );
    expect(r.ok && r.value.personId).toBe('eng-a');
  });

  it('does not filter by area when no location was given, and says so', () => {
    for (const location of [null, undefined, '  ']) {
      const r = chooseAssignee(
        input({ location, people: [printerLab], onShift: new Set(['eng-printer-lab']) }),
      );
      expect(r.ok && r.value.personId).toBe('eng-printer-lab');
      expect(r.ok && r.value.reason.location).toBeNull();
      expect(r.ok && r.value.reason.summary).toBe('打印机技能·未提供位置·不按区域筛选·在班·当前0单·L1');
    }
  });

  it('passes over engineers who are off shift', () => {
    const r = chooseAssignee(input({ onShift: new Set(['eng-senior']) }));
    expect(r.ok && r.value.personId).toBe('eng-senior');
    expect(r.ok && r.value.reason.rejected).toContainEqual({
      personId: 'eng-printer-admin',
      why: 'off_shift',
    });
  });

  it('prefers the lighter workload over the lower level', () => {
    const counts = new Map([['eng-printer-admin', 2]]);
    expect(chosen(input({ openCounts: counts }))).toBe('eng-senior');
  });

  it('breaks a workload tie by lowest level, then by id', () => {
    expect(chosen(input())).toBe('eng-printer-admin'); // L1 before L3 at 0 open each
    const twin = person('eng-printer-admin-2', { skills: ['打印机'], areas: ['行政楼'], level: 1 });
    const twin0 = person('eng-printer-admin-0', { skills: ['打印机'], areas: ['行政楼'], level: 1 });
    const everyone = [twin, printerAdmin, twin0];
    const onShift = new Set(everyone.map((p) => p.id));
    expect(chosen(input({ people: everyone, onShift }))).toBe('eng-printer-admin');
    expect(chosen(input({ people: [...everyone].reverse(), onShift }))).toBe('eng-printer-admin');
    const withZero = [...everyone, person('eng-0', { skills: ['打印机'], areas: ['*'], level: 1 })];
    const allOn = new Set(withZero.map((p) => p.id));
    // Same load and level: someone based in the building goes before someone covering everywhere.
    expect(chosen(input({ people: withZero, onShift: allOn }))).toBe('eng-printer-admin');
    const withL0 = [person('eng-0', { skills: ['打印机'], areas: ['*'], level: 1 }), twin0];
    expect(chosen(input({ people: withL0, onShift: allOn, location: null }))).toBe('eng-0');
  });

  it('lets workload outweigh area, level and track record together', () => {
    const r = chooseAssignee(
      input({
        openCounts: new Map([['eng-printer-admin', 1]]),
        recentSuccess: new Map([['eng-printer-admin', 1]]),
      }),
    );
    expect(r.ok && r.value.personId).toBe('eng-senior');
    expect(r.ok && r.value.reason.candidates.map((c) => [c.personId, c.score])).toEqual([
      ['eng-senior', { workload: 0, area: 0, level: -0.2, success: 0, total: -0.2 }],
      ['eng-printer-admin', { workload: -1, area: 0.3, level: 0, success: 0.2, total: -0.5 }],
    ]);
  });

  it('prefers the engineer with the better record on the category when all else is equal', () => {
    const twin = person('eng-printer-admin-2', { skills: ['打印机'], areas: ['行政楼'], level: 1 });
    const people = [printerAdmin, twin];
    const onShift = new Set(people.map((p) => p.id));
    const recentSuccess = new Map([
      ['eng-printer-admin-2', 0.9],
      ['eng-printer-admin', 0.4],
    ]);
    expect(chosen(input({ people, onShift, recentSuccess }))).toBe('eng-printer-admin-2');
  });

  it('ranks an engineer without a level after levelled ones', () => {
    const unlevelled = person('eng-a-unlevelled', { skills: ['打印机'], areas: ['*'], level: null });
    const r = chooseAssignee(
      input({ people: [unlevelled, senior], onShift: new Set(['eng-a-unlevelled', 'eng-senior']) }),
    );
    expect(r.ok && r.value.personId).toBe('eng-senior');
    expect(r.ok && r.value.reason.candidates[1]).toEqual({
      personId: 'eng-a-unlevelled',
      openTickets: 0,
      level: null,
      area: '*',
      rank: 2,
      score: { workload: 0, area: 0, level: -0.3, success: 0, total: -0.3 },
    });
  });

  it('leaves out excluded engineers (a re-route away from the current one)', () => {
    const r = chooseAssignee(input({ exclude: ['eng-printer-admin'] }));
    expect(r.ok && r.value.personId).toBe('eng-senior');
    expect(r.ok && r.value.reason.rejected).toContainEqual({
      personId: 'eng-printer-admin',
      why: 'excluded',
    });
  });

  it('leaves out inactive engineers and does not consider other roles at all', () => {
    const gone: Person = { ...printerAdmin, active: false };
    const r = chooseAssignee(input({ people: [gone, senior, deskPerson] }));
    expect(r.ok && r.value.personId).toBe('eng-senior');
    expect(r.ok && r.value.reason.rejected).toEqual([{ personId: 'eng-printer-admin', why: 'inactive' }]);
  });

  it('reports every engineer with the first reason that ruled them out when nobody is suitable', () => {
    const gone: Person = { ...senior, id: 'eng-gone', active: false };
    const r = chooseAssignee(
      input({
        people: [printerAdmin, printerLab, network, senior, gone, deskPerson],
        onShift: new Set(['eng-printer-lab', 'eng-network', 'desk-zhang']),
        exclude: ['eng-senior'],
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('DISPATCH_NO_ENGINEER');
    expect(r.error.message).toContain('没有可派单的打印机工程师');
    expect(r.error.message).toContain('No engineer available for 打印机 at 行政楼3楼财务室');
    expect(r.error.rejected).toEqual([
      { personId: 'eng-printer-admin', why: 'off_shift' },
      { personId: 'eng-printer-lab', why: 'area' },
      { personId: 'eng-network', why: 'no_skill' },
      { personId: 'eng-senior', why: 'excluded' },
      { personId: 'eng-gone', why: 'inactive' },
    ]);
  });

  it('fails when the roster has no engineers', () => {
    const r = chooseAssignee(input({ people: [deskPerson] }));
    expect(r).toMatchObject({ ok: false, error: { code: 'DISPATCH_NO_ENGINEER', rejected: [] } });
  });
});
