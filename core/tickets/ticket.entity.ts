import type { Channel } from '../inbound/channel.js';
import type { ModuleType } from '../desk/module-type.js';
import type { TicketStatus } from './ticket-status.js';

export const TICKET_TYPES = ['fault', 'request', 'consultation', 'complaint'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** 报修人 block of the 工单 form, as given at report time (kept even if the roster changes later). */
export interface Reporter {
  personId: string | null;
  name: string;
  department: string | null;
  phone: string | null;
  email: string | null;
  wechatId: string | null;
  telegramId: string | null;
  officeLocation: string | null;
}

/** 现场记录 and the engineer's sign-off. */
export interface Resolution {
  /** 故障排除过程 */
  process: string | null;
  /** true = solved by phone/remote assistance (remote resolution KPI). */
  remote: boolean | null;
  parts: string[];
  consumables: string[];
  signedOffBy: string | null;
  signedOffAt: Date | null;
}

export interface Ticket {
  id: string;
  number: string;
  /** Bumped on every saved change; saves are conditional on it (optimistic concurrency). */
  version: number;
  status: TicketStatus;
  channel: Channel;
  type: TicketType;
  priority: Priority;
  category: ModuleType | null;
  categoryConfidence: number | null;
  title: string;
  /** 用户故障现象描述 */
  description: string;
  reporter: Reporter;
  /** 设备点位 */
  location: string | null;
  /** 设备名称 / 设备描述 */
  deviceName: string | null;
  deviceDescription: string | null;
  /** Where the report came from (group, thread); replies go back there. */
  conversationId: string | null;
  /** 整体负责人: the desk engineer who registered the ticket. */
  ownerId: string | null;
  /** 当前责任人: the engineer it is dispatched to. */
  assigneeId: string | null;
  dispatchCount: number;
  reportedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  acceptedAt: Date | null;
  dispatchedAt: Date | null;
  acknowledgedAt: Date | null;
  arrivedAt: Date | null;
  departedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  resolution: Resolution;
  /** 您对本次服务的评价: 5 非常满意 … 1 非常不满意 */
  rating: number | null;
  /** 意见和建议 */
  ratingComment: string | null;
  ratedAt: Date | null;
}

/** A ticket before storage gives it an id and a number. */
export type NewTicket = Omit<Ticket, 'id' | 'number' | 'version'>;

/** Milestones, on-site record and rating of a ticket nothing has happened to yet. */
export type TicketProgress = Pick<
  Ticket,
  | 'acceptedAt'
  | 'dispatchedAt'
  | 'acknowledgedAt'
  | 'arrivedAt'
  | 'departedAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'resolution'
  | 'rating'
  | 'ratingComment'
  | 'ratedAt'
>;

/** A fresh object each call (the arrays inside are mutable). One place to extend when the form grows. */
export function noProgressYet(): TicketProgress {
  return {
    acceptedAt: null,
    dispatchedAt: null,
    acknowledgedAt: null,
    arrivedAt: null,
    departedAt: null,
    resolvedAt: null,
    closedAt: null,
    resolution: {
      process: null,
      remote: null,
      parts: [],
      consumables: [],
      signedOffBy: null,
      signedOffAt: null,
    },
    rating: null,
    ratingComment: null,
    ratedAt: null,
  };
}
