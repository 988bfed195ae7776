import type { TicketAction } from './ticket-transitions.js';
import type { TicketStatus } from './ticket-status.js';

/** Stable codes: clients, chat replies and logs key on these, so never rename one. */
export const TICKET_ERROR_CODES = {
  INVALID_TRANSITION: 'TICKET_INVALID_TRANSITION',
  NOT_FOUND: 'TICKET_NOT_FOUND',
  ASSIGNEE_REQUIRED: 'TICKET_ASSIGNEE_REQUIRED',
  OWNER_REQUIRED: 'TICKET_OWNER_REQUIRED',
  SAME_ASSIGNEE: 'TICKET_SAME_ASSIGNEE',
  CONCURRENT_UPDATE: 'TICKET_CONCURRENT_UPDATE',
} as const;
export type TicketErrorCode = (typeof TICKET_ERROR_CODES)[keyof typeof TICKET_ERROR_CODES];

export interface TicketError {
  code: TicketErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export const invalidTransition = (action: TicketAction, from: TicketStatus, number: string): TicketError => ({
  code: TICKET_ERROR_CODES.INVALID_TRANSITION,
  message: `Ticket ${number} is ${from}; "${action}" is not allowed from that status.`,
  details: { action, from },
});

export const ticketNotFound = (ref: string): TicketError => ({
  code: TICKET_ERROR_CODES.NOT_FOUND,
  message: `No ticket ${ref}.`,
  details: { ref },
});
