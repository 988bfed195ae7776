import type { Person } from '../../../core/desk/index.js';
import { person as aPerson } from '../test-desk.js';
import type { NewTicketMessage } from '../../../core/ports/index.js';
import { noProgressYet, type NewTicket, type TicketEvent } from '../../../core/tickets/index.js';

export const DAY = '2026-11-23';
export const AT = new Date('2026-11-23T01:02:03.456Z');

/** The message and the error PostgreSQL gave, whichever layer wrapped it. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return [error.message, error.cause instanceof Error ? error.cause.message : ''].join(' | ');
}

export function newTicket(): NewTicket {
  return {
    status: 'new',
    channel: 'wechat',
    type: 'fault',
    priority: 'P3',
    category: null,
    categoryConfidence: null,
    title: 'printer jam',
    description: 'printer jam',
    reporter: {
      personId: null,
      name: 'Reporter',
      department: null,
      phone: null,
      email: null,
      wechatId: null,
      telegramId: null,
      officeLocation: null,
    },
    location: null,
    deviceName: null,
    deviceDescription: null,
    conversationId: null,
    ownerId: null,
    assigneeId: null,
    dispatchCount: 0,
    reportedAt: AT,
    createdAt: AT,
    updatedAt: AT,
    ...noProgressYet(),
  };
}

/** Every optional field set, with Chinese text, emoji and quotes, and sub-second instants. */
export function fullTicket(): NewTicket {
  const t = (minutes: number) => new Date(AT.getTime() + minutes * 60_000 + 789);
  return {
    ...newTicket(),
    status: 'closed',
    type: 'request',
    priority: 'P2',
    category: '打印机',
    categoryConfidence: 0.8125,
    title: '三楼打印机卡纸 🖨️',
    description: '打印不出来，显示 "paper jam" 和 \'E-13\'\n第二行',
    reporter: {
      personId: 'u-42',
      name: '王小明',
      department: '财务部',
      phone: '+86 138 0000 0000',
      email: 'wang@example.com',
      wechatId: 'wxid_wang',
      telegramId: '123456789',
      officeLocation: 'A座 3楼 301',
    },
    location: 'A座-3F-301',
    deviceName: 'HP LaserJet M404',
    deviceDescription: '资产编号 IT-0042',
    conversationId: 'room-财务群@chatroom',
    ownerId: 'desk-1',
    assigneeId: 'eng-2',
    dispatchCount: 2,
    reportedAt: t(-1),
    acceptedAt: t(1),
    dispatchedAt: t(2),
    acknowledgedAt: t(5),
    arrivedAt: t(20),
    departedAt: t(45),
    resolvedAt: t(44),
    closedAt: t(90),
    updatedAt: t(90),
    resolution: {
      process: '取出卡纸，清洁搓纸轮',
      remote: false,
      parts: ['搓纸轮', 'fuser "v2"'],
      consumables: ['A4 纸 ×5'],
      signedOffBy: 'eng-2',
      signedOffAt: t(46),
    },
    rating: 5,
    ratingComment: '非常满意 👍',
    ratedAt: t(80),
  };
}

export function message(externalId: string, overrides: Partial<NewTicketMessage> = {}): NewTicketMessage {
  return {
    channel: 'wechat',
    externalId,
    direction: 'in',
    senderName: '王小明',
    senderPersonId: null,
    subject: null,
    text: '三楼打印机卡纸了',
    at: AT,
    attachments: [],
    ...overrides,
  };
}

export function createdEvent(): TicketEvent {
  return {
    type: 'created',
    at: AT,
    actor: { kind: 'reporter', id: null, name: '王小明' },
    channel: 'wechat',
    fromStatus: null,
    toStatus: 'new',
    data: { via: '微信' },
  };
}

export function event(type: TicketEvent['type'], at = AT): TicketEvent {
  return {
    type,
    at,
    actor: { kind: 'system', id: 'dispatcher', name: 'dispatcher' },
    channel: 'system',
    fromStatus: null,
    toStatus: null,
    data: { reason: 'skill 打印机' },
  };
}

export function person(id: string, overrides: Partial<Person> = {}): Person {
  return aPerson({
    id,
    name: id,
    role: 'engineer',
    level: 1,
    department: 'IT',
    skills: ['打印机', '电脑'],
    areas: ['A座', '*'],
    ...overrides,
  });
}
