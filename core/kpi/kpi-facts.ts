import type { TicketType } from '../tickets/ticket.entity.js';

/** What the KPIs need to know about one ticket; storage computes the same in SQL. */
export interface TicketFact {
  type: TicketType;
  /** The reporter's department at report time. */
  department: string | null;
  category: string | null;
  /** 当前责任人: the engineer the ticket is (last) dispatched to. */
  assigneeId: string | null;
  reportedAt: Date;
  dispatchedAt: Date | null;
  acknowledgedAt: Date | null;
  arrivedAt: Date | null;
  departedAt: Date | null;
  resolvedAt: Date | null;
  /** resolution.remote: solved by phone or remote assistance. */
  remote: boolean | null;
  rating: number | null;
  /** Every dispatch and re-dispatch counts; 1 means the first choice was right. */
  dispatchCount: number;
  /** A complaint was filed about this ticket (it has a complaint event). */
  complained: boolean;
}

/** One phone call from the PBX's call-detail records. */
export interface CallFact {
  startedAt: Date;
  /** The call reached a desk hotline (only those count for the answer rate). */
  isDeskCall: boolean;
  answered: boolean;
  /** As the PBX says: ANSWERED, NO ANSWER, BUSY, FAILED … */
  disposition: string;
  durationS: number;
  /** The caller's department when the number is in the roster. */
  callerDepartment: string | null;
}
