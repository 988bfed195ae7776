/** Stable codes: the dispatch use case, chat replies and logs key on these, so never rename one. */
export const DISPATCH_ERROR_CODES = {
  NO_ENGINEER: 'DISPATCH_NO_ENGINEER',
  NO_DESK: 'DISPATCH_NO_DESK',
} as const;

/** Why an engineer was not a candidate; the first failing check is reported. */
export const REJECTION_REASONS = ['inactive', 'excluded', 'no_skill', 'area', 'off_shift'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface Rejection {
  personId: string;
  why: RejectionReason;
}

/** Nobody can take the ticket: it stays with the desk (triage) and the manager is told. */
export interface NoAssignee {
  code: typeof DISPATCH_ERROR_CODES.NO_ENGINEER;
  message: string;
  rejected: Rejection[];
}

/** The roster has no active desk engineer at all: nobody can own the ticket. */
export interface NoOwner {
  code: typeof DISPATCH_ERROR_CODES.NO_DESK;
  message: string;
}
