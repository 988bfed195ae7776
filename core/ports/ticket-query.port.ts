import type { TicketStatus } from '../tickets/ticket-status.js';

/** Counts over one period (tickets created, resolved, responded, rated within it). */
export interface PeriodCounts {
  created: number;
  /** Tickets created in the period, by their status now. */
  byStatus: Partial<Record<TicketStatus, number>>;
  /** Tickets created in the period, by category (null = not yet classified). */
  byCategory: Array<{ category: string | null; count: number }>;
  resolved: number;
  resolvedRemotely: number;
  /** Acknowledged in the period, and of those within the response limit. */
  responded: number;
  respondedInTime: number;
  rated: number;
  meanRating: number | null;
  /** Tickets created in the period that were dispatched, and of those never re-routed. */
  dispatched: number;
  dispatchedOnce: number;
}

export interface AwaitingResponse {
  id: string;
  number: string;
  category: string | null;
  assigneeId: string | null;
  dispatchedAt: Date;
}

export interface UnratedTicket {
  id: string;
  number: string;
  reporterName: string;
  reporterPhone: string | null;
  reporterDepartment: string | null;
  assigneeId: string | null;
  resolvedAt: Date;
}

export interface StaleTicket {
  id: string;
  number: string;
  status: TicketStatus;
  assigneeId: string | null;
  /** Last work-log note or status change. */
  lastLogAt: Date;
}

export interface EngineerWorkload {
  personId: string;
  open: number;
  resolved: number;
  /** Mean minutes from dispatch to 接单 over tickets acknowledged in the period. */
  meanResponseMinutes: number | null;
}

/** Read-only questions auditors and managers ask. Every value is bound as a parameter. */
export interface TicketQueryPort {
  countsBetween(from: Date, to: Date, responseMinutes: number): Promise<PeriodCounts>;
  /** Dispatched, not acknowledged, dispatched at or before `dispatchedBefore`; oldest first. */
  awaitingResponse(dispatchedBefore: Date, limit: number): Promise<AwaitingResponse[]>;
  /** Resolved or closed without a rating (the auditor's call-back list); oldest first. */
  resolvedUnrated(limit: number): Promise<UnratedTicket[]>;
  /** Open tickets whose last note or status change is before `cutoff`; stalest first. */
  withoutWorkLogSince(cutoff: Date, limit: number): Promise<StaleTicket[]>;
  /** For these engineers: open tickets now, resolved and mean response within [from, to). */
  workload(personIds: string[], from: Date, to: Date): Promise<EngineerWorkload[]>;
}
