import type { UseCaseError } from '../use-case.errors.js';

/** Stable codes of ticket actions (besides the TICKET_* codes of core/tickets); never rename one. */
export const TICKET_ACTION_ERROR_CODES = {
  NOT_AN_ENGINEER: 'ACTION_NOT_AN_ENGINEER',
  NO_HIGHER_ENGINEER: 'ACTION_NO_HIGHER_ENGINEER',
  INVALID_RATING: 'ACTION_INVALID_RATING',
  ALREADY_RATED: 'ACTION_ALREADY_RATED',
  NOT_OPEN: 'ACTION_TICKET_NOT_OPEN',
  NOT_RESOLVED: 'ACTION_TICKET_NOT_RESOLVED',
  EMPTY_TEXT: 'ACTION_EMPTY_TEXT',
} as const;

/** A ticket action failed; `message` is Chinese, for the person who asked. */
export type TicketActionError = UseCaseError;
