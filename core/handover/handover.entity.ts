import type { TicketStatus } from '../tickets/ticket-status.js';

/** One ticket passed on, with what the successor needs to carry on (最新进展). */
export interface HandoverItem {
  ticketId: string;
  ticketNumber: string;
  status: TicketStatus;
  latestProgress: string;
  latestAt: Date | null;
}

/** 交接班记录: the fields the process doc asks the handover mail to carry. */
export interface Handover {
  id: string;
  /** Idempotency key: a retried command or API call records one handover. */
  sourceKey: string;
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  /** 交接班次, e.g. 早-中. */
  shift: string;
  notes: string | null;
  items: HandoverItem[];
  at: Date;
}
