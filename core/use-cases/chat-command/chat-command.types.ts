/**
 * The contract between the chat router (bots/*, core/intake) and the command side.
 *
 * The router, for every chat line:
 *   1. `parseCommand(text, { quotedTicketNumber, ticketPrefix })` (core/commands). `null` means the
 *      line is conversation: handle it as a report / answer. Anything else is a command (possibly
 *      a malformed one, which still gets a reply saying the expected form).
 *   2. `RunChatCommandUseCase.execute({ command, message, sender })` → `ChatCommandOutcome`.
 *   3. Sends each `ChatReply`: `private: false` → into the conversation the command came from
 *      (@-mention the sender in a group when `mention` is true); `private: true` → to the sender
 *      alone (their chat id on `message.channel`), never into a group. Build the Notification with
 *      purpose 'reply' and a deterministic id such as `reply-${message.channel}-${message.externalId}-${i}`.
 */
import type { Person } from '../../desk/person.js';
import type { InboundMessage } from '../../inbound/inbound-message.js';
import type { Result } from '../../shared/result.js';
import type { Command, CommandKind } from '../../commands/command.js';
import type { CommandParseError } from '../../commands/command.errors.js';

/** What parseCommand returns for a command line (a non-command is `null`). */
export type ParsedCommand = Result<Command, CommandParseError>;

export interface ChatCommandInput {
  command: ParsedCommand;
  /** The chat line as received; sender ids decide who is asking and where private replies go. */
  message: InboundMessage;
  /**
   * The roster entry of the sender when the router already looked it up; `null` = known not to be in
   * the roster (a reporter). Absent: the use case matches `message.sender` against the roster itself.
   */
  sender?: Person | null;
}

export interface ChatReply {
  text: string;
  /** true: only to the sender, never to a group (answers that reveal other people's data). */
  private: boolean;
  /** In a group, @-mention the sender. */
  mention: boolean;
  /** The ticket the reply is about, so the delivery is recorded on it. */
  ticketId: string | null;
  ticketNumber: string | null;
}

export type ChatCommandStatus =
  /** Done; the replies confirm it. */
  | 'done'
  /** A query or help: the replies are the answer. */
  | 'answered'
  /** Malformed: the reply gives the expected form. */
  | 'invalid'
  /** Not allowed for this sender: the reply says why. */
  | 'refused'
  /** Allowed and well-formed, but the ticket or the lifecycle said no (unknown ticket, wrong status). */
  | 'failed'
  /** The feature that executes it is not in this build (the reply says so). */
  | 'unavailable';

export interface ChatCommandOutcome {
  kind: CommandKind;
  status: ChatCommandStatus;
  /** Stable error code when status is not done/answered. */
  code: string | null;
  replies: ChatReply[];
}
