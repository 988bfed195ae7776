import type { DeskSettings } from '../../../core/desk/desk-settings.js';
import type { Person } from '../../../core/desk/person.js';
import { person, testDesk } from '../../support/test-desk.js';

/** 2026-11-23 is a Monday; 02:00 UTC is 10:00 in Shanghai, inside the 早 shift. */
export const SHIFT_NOW = '2026-11-23T02:00:00Z';

/**
 * A desk with three real shifts (早 08–16, 中 16–24, 晚 00–08, Asia/Shanghai) and different people on
 * each, so only the rota decides who is on duty at the fixed clock. Those off duty are deliberately
 * attractive otherwise (idle, covering everywhere), so a choice that ignored the shift would pick them.
 */
export function shiftDesk(): DeskSettings {
  const people: Person[] = [
    person({ id: 'desk-zao-1', name: '王早班', role: 'desk', wechatId: 'wx-desk-zao-1' }),
    person({ id: 'desk-zao-2', name: '李早班', role: 'desk', wechatId: 'wx-desk-zao-2' }),
    person({ id: 'desk-zhong', name: '陈中班', role: 'desk', wechatId: 'wx-desk-zhong' }),
    person({ id: 'desk-wan', name: '刘晚班', role: 'desk', wechatId: 'wx-desk-wan' }),
    person({
      id: 'eng-print-zao',
      name: '赵打印',
      role: 'engineer',
      level: 1,
      skills: ['打印机'],
      areas: ['行政楼'],
      wechatId: 'wx-print-zao',
    }),
    person({
      id: 'eng-print-l2',
      name: '孙二线',
      role: 'engineer',
      level: 2,
      skills: ['打印机', '电脑'],
      areas: ['*'],
    }),
    person({
      id: 'eng-pc-keyan',
      name: '钱电脑',
      role: 'engineer',
      level: 1,
      skills: ['电脑'],
      areas: ['科研楼'],
      telegramId: '5001',
    }),
    person({
      id: 'eng-print-zhong',
      name: '周中班',
      role: 'engineer',
      level: 1,
      skills: ['打印机', '电脑'],
      areas: ['*'],
      wechatId: 'wx-print-zhong',
    }),
    person({
      id: 'eng-net-wan',
      name: '吴网络',
      role: 'engineer',
      level: 1,
      skills: ['网络'],
      areas: ['*'],
      wechatId: 'wx-net-wan',
    }),
    person({ id: 'mgr-mail', name: '冯经理', role: 'manager', email: 'feng@example.edu.cn' }),
    person({ id: 'mgr-wx', name: '郑经理', role: 'manager', wechatId: 'wx-mgr-zheng' }),
    person({ id: 'mgr-gone', name: '前经理', role: 'manager', wechatId: 'wx-mgr-gone', active: false }),
    person({
      id: 'rep-zhang',
      name: '张老师',
      role: 'reporter',
      department: '财务处',
      phone: '13800138000',
      email: 'zhang@example.edu.cn',
      wechatId: 'wx-zhang',
      officeLocation: '行政楼305',
    }),
  ];
  const everyDay: DeskSettings['rota'][number]['days'] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  return testDesk({
    people,
    shifts: [
      { name: '早', start: '08:00', end: '16:00' },
      { name: '中', start: '16:00', end: '24:00' },
      { name: '晚', start: '00:00', end: '08:00' },
    ],
    rota: [
      {
        shift: '早',
        people: ['desk-zao-1', 'desk-zao-2', 'eng-print-zao', 'eng-print-l2', 'eng-pc-keyan'],
        days: everyDay,
      },
      { shift: '中', people: ['desk-zhong', 'eng-print-zhong'], days: everyDay },
      { shift: '晚', people: ['desk-wan', 'eng-net-wan'], days: everyDay },
    ],
  });
}
