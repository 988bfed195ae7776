import { noProgressYet, type Ticket } from '../../../core/tickets/ticket.entity.js';
import type { TicketStatus } from '../../../core/tickets/ticket-status.js';

const REPORTED = new Date('2026-11-23T01:55:00Z');

/** A stored ticket with every field set the way it would be at `status`; tests override what they are about. */
export function aTicket(overrides: Partial<Ticket> = {}): Ticket {
  const status: TicketStatus = overrides.status ?? 'new';
  const assigned = !['new', 'accepted'].includes(status);
  return {
    id: '0b8f2a8e-4c4f-4d5e-9d51-3f3f0a2b1c10',
    number: 'INC-20261123-0007',
    version: 3,
    status,
    channel: 'wechat',
    type: 'fault',
    priority: 'P3',
    category: '打印机',
    categoryConfidence: 0.86,
    title: '打印机卡纸了',
    description: '打印机卡纸了，打印不出来',
    reporter: {
      personId: 'rep-zhang',
      name: '张老师',
      department: '财务处',
      phone: '13800138000',
      email: 'zhang@example.edu.cn',
      wechatId: 'wx-zhang',
      telegramId: null,
      officeLocation: '行政楼305',
    },
    location: '行政楼305',
    deviceName: 'HP M404',
    deviceDescription: null,
    conversationId: 'room-finance',
    ownerId: status === 'new' ? null : 'desk-a',
    assigneeId: assigned ? 'eng-print' : null,
    dispatchCount: assigned ? 1 : 0,
    reportedAt: REPORTED,
    createdAt: REPORTED,
    updatedAt: REPORTED,
    ...noProgressYet(),
    acceptedAt: status === 'new' ? null : REPORTED,
    dispatchedAt: assigned ? REPORTED : null,
    ...overrides,
  };
}
