import { describe, expect, it } from 'vitest';
import { authorizeCommand, type Command, type Requester } from '../../../core/commands/index.js';
import type { Person } from '../../../core/desk/person.js';
import { noProgressYet, type Ticket } from '../../../core/tickets/ticket.entity.js';
import { person } from '../../support/test-desk.js';

const roster: Person[] = [
  person({ id: 'eng-l1', name: '赵一线', role: 'engineer', level: 1, wechatId: 'wx-l1' }),
  person({ id: 'eng-l1b', name: '钱一线', role: 'engineer', level: 1 }),
  person({ id: 'eng-l2', name: '孙二线', role: 'engineer', level: 2 }),
  person({ id: 'desk', name: '王服务台', role: 'desk' }),
  person({ id: 'mgr', name: '冯经理', role: 'manager' }),
  person({ id: 'aud', name: '稽查员', role: 'auditor' }),
  person({ id: 'head', name: 'IT主任', role: 'it_head' }),
  person({ id: 'rep', name: '张老师', role: 'reporter', wechatId: 'wx-zhang' }),
  person({ id: 'gone', name: '前经理', role: 'manager', active: false }),
];
const byId = new Map(roster.map((p) => [p.id, p]));
const as = (id: string | null, wechatId = 'wx-someone'): Requester => ({
  person: id ? (byId.get(id) ?? null) : null,
  channel: 'wechat',
  sender: { externalId: wechatId, wechatId },
});

const ticket: Ticket = {
  id: 't1',
  number: 'INC-20261123-0001',
  version: 3,
  status: 'dispatched',
  channel: 'wechat',
  type: 'fault',
  priority: 'P3',
  category: '打印机',
  categoryConfidence: 1,
  title: '打印机卡纸',
  description: '打印机卡纸',
  reporter: {
    personId: null,
    name: '李同学',
    department: null,
    phone: null,
    email: null,
    wechatId: 'wx-li',
    telegramId: null,
    officeLocation: null,
  },
  location: '行政楼305',
  deviceName: null,
  deviceDescription: null,
  conversationId: 'room-1',
  ownerId: 'desk',
  assigneeId: 'eng-l1',
  dispatchCount: 1,
  reportedAt: new Date(),
  createdAt: new Date(),
  updatedAt: new Date(),
  ...noProgressYet(),
};

const N = ticket.number;
const ack: Command = { kind: 'acknowledge', ticketNumber: N };
const stats: Command = { kind: 'stats', period: 'today' };
const progress: Command = { kind: 'progress', ticketNumber: N };
const cancel: Command = { kind: 'cancel', ticketNumber: N, reason: null };
const complain: Command = { kind: 'complain', ticketNumber: N, text: '太慢' };
const handover: Command = { kind: 'handover', successor: 'x', shift: '早-中', note: null, ticketNumbers: [] };

/** requester → [ack, stats, progress, cancel, complain, handover] allowed? */
const MATRIX: Array<[string, Requester, boolean[]]> = [
  ['the assigned engineer', as('eng-l1'), [true, false, true, false, false, false]],
  ['another engineer of the same level', as('eng-l1b'), [false, false, false, false, false, false]],
  ['a higher-level engineer', as('eng-l2'), [true, false, true, false, false, false]],
  ['the desk', as('desk'), [true, false, true, true, true, true]],
  ['a manager', as('mgr'), [true, true, true, true, false, true]],
  ['an auditor', as('aud'), [false, true, true, false, false, false]],
  ['the IT head', as('head'), [false, true, true, false, false, false]],
  [
    'the reporter, unknown to the roster, matched by WeChat id',
    as(null, 'wx-li'),
    [false, false, true, true, true, false],
  ],
  ['another unknown sender', as(null, 'wx-other'), [false, false, false, false, false, false]],
  [
    'a rostered reporter who did not report it',
    as('rep', 'wx-zhang'),
    [false, false, false, false, false, false],
  ],
  ['an inactive manager (treated as a reporter)', as('gone'), [false, false, false, false, false, false]],
];

describe('authorizeCommand', () => {
  it.each(MATRIX)('%s', (_who, requester, expected) => {
    const verdicts = [ack, stats, progress, cancel, complain, handover].map(
      (c) =>
        authorizeCommand(c, requester, c.kind === 'stats' || c.kind === 'handover' ? null : ticket, byId).ok,
    );
    expect(verdicts).toEqual(expected);
  });

  it('says why in every refusal', () => {
    const sameLevel = authorizeCommand(ack, as('eng-l1b'), ticket, byId);
    expect(sameLevel).toMatchObject({ ok: false, error: { code: 'COMMAND_FORBIDDEN' } });
    if (sameLevel.ok) throw new Error('allowed');
    expect(sameLevel.error.message).toContain('赵一线');
    const outsider = authorizeCommand(stats, as(null), null, byId);
    if (outsider.ok) throw new Error('allowed');
    expect(outsider.error.message).toContain('仅限稽查员');
    expect(outsider.error.message).toContain('报修人');
    const notMine = authorizeCommand(cancel, as(null, 'wx-other'), ticket, byId);
    if (notMine.ok) throw new Error('allowed');
    expect(notMine.error.message).toContain('不是你报修的');
  });

  it('lets a reporter known to the roster act on the ticket stored with their person id', () => {
    const theirs = { ...ticket, reporter: { ...ticket.reporter, personId: 'rep', wechatId: null } };
    expect(authorizeCommand(cancel, as('rep', 'wx-zhang'), theirs, byId).ok).toBe(true);
  });

  it('does not let an engineer act on an unassigned ticket', () => {
    const unassigned = { ...ticket, status: 'accepted' as const, assigneeId: null };
    expect(authorizeCommand(ack, as('eng-l2'), unassigned, byId).ok).toBe(false);
    expect(authorizeCommand(ack, as('desk'), unassigned, byId).ok).toBe(true);
  });

  it.each<[string, Requester, boolean]>([
    ['the desk', as('desk'), true],
    ['a manager', as('mgr'), true],
    ['the engineer the ticket is assigned to', as('eng-l1'), false],
    ['a higher-level engineer', as('eng-l2'), false],
    ['an auditor', as('aud'), false],
    ['the IT head', as('head'), false],
    ['the reporter of the ticket', as(null, 'wx-li'), false],
    ['an inactive manager', as('gone'), false],
  ])('关联 (a hotline call to its ticket): %s → %s', (_who, requester, allowed) => {
    const link: Command = { kind: 'link_call', ticketNumber: N, phone: '13800138000' };
    const verdict = authorizeCommand(link, requester, ticket, byId);
    expect(verdict.ok).toBe(allowed);
    if (!verdict.ok) {
      expect(verdict.error.code).toBe('COMMAND_FORBIDDEN');
      expect(verdict.error.message).toContain('仅限服务台工程师和运维经理');
      expect(verdict.error.message).toContain('热线来电由服务台接听');
    }
  });

  it('says who the refused sender is in the roster when refusing 关联', () => {
    const link: Command = { kind: 'link_call', ticketNumber: N, phone: '13800138000' };
    const engineer = authorizeCommand(link, as('eng-l1'), ticket, byId);
    const auditor = authorizeCommand(link, as('aud'), ticket, byId);
    if (engineer.ok || auditor.ok) throw new Error('allowed');
    expect(engineer.error.message).toContain('身份是工程师');
    expect(auditor.error.message).toContain('身份是稽查员');
    expect(authorizeCommand(link, as('desk'), null, byId).ok).toBe(true);
  });

  it('lets everyone ask for help', () => {
    expect(authorizeCommand({ kind: 'help' }, as(null), null, byId).ok).toBe(true);
  });
});
