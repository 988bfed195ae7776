import { describe, expect, it } from 'vitest';
import type { Person } from '../../../core/desk/person.js';
import { newTicketFromMessage } from '../../../core/use-cases/ingest-message/index.js';
import { inbound } from '../../support/inbound.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const RECEIVED = new Date('2026-11-23T01:59:30Z');

const zhang: Person = {
  id: 'rep-zhang',
  name: '张老师（名册）',
  role: 'reporter',
  level: null,
  department: '财务处',
  officeLocation: '行政楼305',
  phone: '13800138000',
  email: 'zhang@example.edu.cn',
  wechatId: 'wx-zhang',
  wechatName: '张老师',
  telegramId: '777',
  skills: [],
  areas: [],
  active: true,
};

// Half of an emoji: the database would store it as U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const png = { name: '截图.png', contentType: 'image/png', size: 1024, storagePath: 'a/截图.png' };

describe('newTicketFromMessage: the reporter block', () => {
  it('takes what the roster knows when the sender gave only a name', () => {
    const t = newTicketFromMessage(inbound({ sender: { name: '张老师' } }), zhang, NOW);
    expect(t.reporter).toEqual({
      personId: 'rep-zhang',
      name: '张老师',
      department: '财务处',
      phone: '13800138000',
      email: 'zhang@example.edu.cn',
      wechatId: 'wx-zhang',
      telegramId: '777',
      officeLocation: '行政楼305',
    });
  });

  it('keeps what the sender said this time over the roster', () => {
    const message = inbound({
      channel: 'email',
      sender: {
        name: 'Zhang Wei',
        department: '审计处',
        phone: '010-88886666',
        email: 'Zhang.Home@Example.com',
        officeLocation: '图书馆2楼',
      },
    });
    const t = newTicketFromMessage(message, zhang, NOW);
    expect(t.reporter).toEqual({
      personId: 'rep-zhang',
      name: 'Zhang Wei',
      department: '审计处',
      phone: '010-88886666',
      email: 'zhang.home@example.com',
      wechatId: 'wx-zhang',
      telegramId: '777',
      officeLocation: '图书馆2楼',
    });
  });

  it('records an unknown sender with what they gave and nothing else', () => {
    const t = newTicketFromMessage(inbound({ sender: { name: '访客', phone: '8001' } }), null, NOW);
    expect(t.reporter).toEqual({
      personId: null,
      name: '访客',
      department: null,
      phone: '8001',
      email: null,
      wechatId: null,
      telegramId: null,
      officeLocation: null,
    });
  });
});

describe('newTicketFromMessage: the ticket as first registered', () => {
  it('is a new P3 fault carrying the form fields, the conversation and the times', () => {
    const message = inbound({
      channel: 'wechat',
      receivedAt: RECEIVED,
      conversation: { id: 'room-finance', title: '财务处报修群' },
      text: '打印机卡纸了',
      fields: {
        location: '行政楼305',
        device: 'HP M404',
        deviceDescription: '黑色激光',
        moduleType: '打印机',
      },
    });
    const t = newTicketFromMessage(message, null, NOW);
    expect(t).toMatchObject({
      status: 'new',
      channel: 'wechat',
      type: 'fault',
      priority: 'P3',
      category: '打印机',
      categoryConfidence: 1,
      description: '打印机卡纸了',
      location: '行政楼305',
      deviceName: 'HP M404',
      deviceDescription: '黑色激光',
      conversationId: 'room-finance',
      ownerId: null,
      assigneeId: null,
      dispatchCount: 0,
      reportedAt: RECEIVED,
      createdAt: NOW,
      updatedAt: NOW,
      acceptedAt: null,
      dispatchedAt: null,
      resolvedAt: null,
      closedAt: null,
      rating: null,
    });
  });

  it('leaves the category open for the classifier when the reporter chose none', () => {
    const t = newTicketFromMessage(inbound(), null, NOW);
    expect(t).toMatchObject({
      category: null,
      categoryConfidence: null,
      location: null,
      conversationId: null,
    });
  });
});

describe('newTicketFromMessage: the title', () => {
  const titleOf = (draft: Parameters<typeof inbound>[0]) =>
    newTicketFromMessage(inbound(draft), null, NOW).title;

  it('is the subject when there is one', () => {
    expect(titleOf({ subject: '财务处打印机故障', text: '打印机卡纸了\n第二行' })).toBe('财务处打印机故障');
  });

  it('is otherwise the first line that says something, with its spaces tidied', () => {
    expect(titleOf({ text: '\n   \n  三楼   网络 断了  \n没法办公' })).toBe('三楼 网络 断了');
    expect(titleOf({ text: 'line one\r\nline two' })).toBe('line one');
  });

  it('is cut to 60 characters, ending in an ellipsis', () => {
    const long = '打'.repeat(100);
    const title = titleOf({ text: long });
    expect(title).toHaveLength(60);
    expect(title).toBe(`${'打'.repeat(59)}…`);
    expect(titleOf({ text: '打'.repeat(60) })).toBe('打'.repeat(60));
  });

  it('never cuts a character in half', () => {
    const title = titleOf({ text: `${'打'.repeat(58)}🖨️🖨️ 又坏了，卡纸卡纸卡纸` });
    expect(title).not.toMatch(LONE_SURROGATE);
    expect(title.endsWith('…')).toBe(true);
  });

  it('says a picture was sent when there is no text, only attachments', () => {
    expect(titleOf({ text: '', attachments: [png] })).toBe('（图片/附件报修）');
    expect(titleOf({ text: '  \n ', attachments: [png] })).toBe('（图片/附件报修）');
  });

  it('says there was no description when there is nothing at all', () => {
    expect(titleOf({ text: '' })).toBe('（无描述）');
  });
});
