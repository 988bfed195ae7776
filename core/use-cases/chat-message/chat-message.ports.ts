import type { Person } from '../../desk/person.js';
import type { Channel } from '../../inbound/channel.js';
import type { InboundMessage } from '../../inbound/inbound-message.js';
import type { Result } from '../../shared/result.js';
import type { ChatCommandInput, ChatCommandOutcome, ChatReply } from '../chat-command/chat-command.types.js';
import type { UseCaseError } from '../use-case.errors.js';

/**
 * The command side as the router needs it (core/commands + the chat-command use case). Kept narrow
 * so the router only depends on the parse → run → replies contract.
 */
export interface ChatCommands {
  /** null: the line is conversation, not a command. */
  parse(text: string, quotedTicketNumber: string | null): ChatCommandInput['command'] | null;
  run(input: ChatCommandInput): Promise<Result<ChatCommandOutcome, UseCaseError>>;
}

/** The reporter's answer to 请评价: rates and closes the ticket (the commands side's `rate` action). */
export interface TicketRater {
  rate(input: {
    ticketId: string;
    rating: number;
    comment: string | null;
    message: InboundMessage;
    sender: Person | null;
  }): Promise<Result<{ replies: ChatReply[] }, UseCaseError>>;
}

export type ChatOutcome =
  | { kind: 'command'; status: ChatCommandOutcome['status']; replies: number }
  | { kind: 'burst_line'; draftId: string }
  | { kind: 'burst_opened'; draftId: string; reason: string; closesAt: Date }
  | { kind: 'answered'; ticketNumber: string; filled: string[] }
  | { kind: 'rated'; ticketId: string; rating: number }
  | { kind: 'ignored'; reason: string }
  | { kind: 'duplicate' };

export const isChatChannel = (c: Channel): boolean => c === 'wechat' || c === 'telegram';
