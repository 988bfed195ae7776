import { stringify } from 'yaml';
import type { DeskSettings } from '../../core/desk/desk-settings.js';
import type { Person } from '../../core/desk/person.js';
import { SAMPLE_CATEGORIES } from './sample-categories.js';

/** A roster entry with every optional field empty; tests give what they are about. */
export const person = (p: Partial<Person> & Pick<Person, 'id' | 'name' | 'role'>): Person => ({
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
  ...p,
});

/**
 * A small desk on duty around the clock, so pipeline tests do not depend on the hour they run.
 * Nobody has the 其他 skill: a report the rules cannot place goes to triage.
 */
export function testDesk(overrides: Partial<DeskSettings> = {}): DeskSettings {
  const people: Person[] = [
    person({ id: 'desk-a', name: '王服务台', role: 'desk', wechatId: 'wx-desk-a' }),
    person({ id: 'desk-b', name: '李服务台', role: 'desk' }),
    person({
      id: 'eng-print',
      name: '赵打印',
      role: 'engineer',
      level: 1,
      skills: ['打印机'],
      areas: ['行政楼'],
    }),
    person({
      id: 'eng-pc-l1',
      name: '钱电脑',
      role: 'engineer',
      level: 1,
      skills: ['电脑'],
      areas: ['科研楼'],
    }),
    person({
      id: 'eng-pc-l2',
      name: '孙二线',
      role: 'engineer',
      level: 2,
      skills: ['电脑', '打印机'],
      areas: ['*'],
    }),
    person({ id: 'eng-net', name: '周网络', role: 'engineer', level: 2, skills: ['网络'], areas: ['*'] }),
    person({
      id: 'eng-card',
      name: '吴一卡通',
      role: 'engineer',
      level: 1,
      skills: ['一卡通', '门禁系统'],
      areas: ['*'],
    }),
    person({
      id: 'eng-av',
      name: '郑视频',
      role: 'engineer',
      level: 2,
      skills: ['视频系统', '电话'],
      areas: ['*'],
    }),
    person({ id: 'mgr', name: '冯经理', role: 'manager', email: 'mgr@example.edu.cn' }),
    person({
      id: 'rep-zhang',
      name: '张老师',
      role: 'reporter',
      department: '财务处',
      phone: '13800138000',
      email: 'zhang@example.edu.cn',
      officeLocation: '行政楼305',
    }),
  ];
  return {
    name: '测试服务台',
    timezone: 'Asia/Shanghai',
    ticketPrefix: 'INC',
    people,
    shifts: [{ name: '全天', start: '00:00', end: '24:00' }],
    rota: [
      {
        shift: '全天',
        people: people.filter((p) => p.role !== 'reporter').map((p) => p.id),
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      },
    ],
    categories: SAMPLE_CATEGORIES,
    hotlines: ['8000'],
    sla: { responseMinutes: 10 },
    ...overrides,
  };
}

/** testDesk() as a desk.yaml, for tests that start deskbot as a process (null fields left out). */
export function testDeskYaml(overrides: Partial<DeskSettings> = {}): string {
  const desk = testDesk(overrides);
  const people = desk.people.map((p) =>
    Object.fromEntries(
      Object.entries(p).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)),
    ),
  );
  return stringify({ ...desk, people });
}
