import { describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../../core/desk/index.js';
import { deskSettingsSchema, formatConfigProblems, parseDeskYaml } from '../../../adapters/config/index.js';

const MINIMAL = `
name: 小型服务台
people:
  - { id: desk-a, name: 甲, role: desk }
  - { id: boss, name: 乙, role: manager, phone: 0101234567 }
  - { id: eng-b, name: 丙, role: engineer, level: 2, skills: [电脑], areas: ['*'], active: false }
shifts:
  - { name: 全天, start: 00:00, end: 24:00 }
rota:
  - { shift: 全天, people: [desk-a] }
categories:
  - { name: 电脑, keywords: [电脑] }
`;

describe('desk.yaml defaults', () => {
  it('fills in what a small desk leaves out', () => {
    const result = parseDeskYaml(MINIMAL, 'desk.yaml');
    if (!result.ok) expect.fail(formatConfigProblems(result.error));
    const desk = result.value;
    expect(desk.timezone).toBe('Asia/Shanghai');
    expect(desk.ticketPrefix).toBe('INC');
    expect(desk.sla).toEqual({ responseMinutes: 10 });
    expect(desk.hotlines).toEqual([]);
    expect(desk.rota[0]?.days).toEqual([...WEEKDAYS]);
    expect(desk.people[0]).toEqual({
      id: 'desk-a',
      name: '甲',
      role: 'desk',
      level: null,
      department: null,
      officeLocation: null,
      phone: null,
      email: null,
      wechatId: null,
      wechatName: null,
      telegramId: null,
      skills: [],
      areas: [],
      active: true,
    });
    expect(desk.people[1]?.phone).toBe('0101234567');
    expect(desk.people[2]).toMatchObject({ level: 2, active: false });
  });

  it('accepts real numbers and booleans from callers passing objects', () => {
    const parsed = deskSettingsSchema.safeParse({
      name: 'x',
      people: [
        { id: 'd', name: 'D', role: 'desk' },
        { id: 'm', name: 'M', role: 'manager', telegramId: 12345 },
        { id: 'e', name: 'E', role: 'engineer', level: 3, skills: ['网络'], areas: ['*'], active: true },
      ],
      shifts: [{ name: 'day', start: '08:00', end: '20:00' }],
      rota: [{ shift: 'day', people: ['d', 'e'], days: ['sun', 'mon', 'mon'] }],
      categories: [{ name: '网络', keywords: ['wifi'] }],
      sla: { responseMinutes: 15 },
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.people[1]?.telegramId).toBe('12345');
    expect(parsed.data?.people[2]?.level).toBe(3);
    expect(parsed.data?.rota[0]?.days).toEqual(['mon', 'sun']);
    expect(parsed.data?.sla.responseMinutes).toBe(15);
  });
});
