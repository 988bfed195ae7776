import type { CommandKind } from './command.js';

/** Stable codes: chat replies, the API and logs key on these, so never rename one. */
export const COMMAND_ERROR_CODES = {
  /** The verb was recognised but the rest does not fit its form. */
  MALFORMED: 'COMMAND_MALFORMED',
  /** A ticket command named no ticket and quoted no prompt. */
  NO_TICKET: 'COMMAND_NO_TICKET',
  /** The sender's role or relation to the ticket does not allow it. */
  FORBIDDEN: 'COMMAND_FORBIDDEN',
} as const;
export type CommandErrorCode = (typeof COMMAND_ERROR_CODES)[keyof typeof COMMAND_ERROR_CODES];

/** A line that is a command, but not a well-formed one: the message says the expected form in Chinese. */
export interface CommandParseError {
  code: typeof COMMAND_ERROR_CODES.MALFORMED | typeof COMMAND_ERROR_CODES.NO_TICKET;
  kind: CommandKind;
  message: string;
  /** The expected form, e.g. `挂起 #INC-20261123-0001 原因`. */
  usage: string;
}

export interface CommandRefusal {
  code: typeof COMMAND_ERROR_CODES.FORBIDDEN;
  /** Why, in Chinese, addressed to the sender. */
  message: string;
}
