export const TICKET_STATUSES = [
  'new',
  'accepted',
  'dispatched',
  'acknowledged',
  'in_progress',
  'pending',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which a ticket still needs work (counted as an engineer's open workload). */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  'new',
  'accepted',
  'dispatched',
  'acknowledged',
  'in_progress',
  'pending',
];
export const isOpen = (status: TicketStatus): boolean => OPEN_STATUSES.includes(status);
