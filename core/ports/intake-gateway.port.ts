import type { InboundMessage } from '../inbound/inbound-message.js';

export type IntakeReceipt =
  /** The intake job ran: the message is stored on this ticket. */
  | { status: 'processed'; ticketId: string; ticketNumber: string; created: boolean }
  /** Accepted into the queue but not processed within the wait; it will be, nothing is lost. */
  | { status: 'queued'; jobId: string };

/** How a driving adapter (web form, webhook, bot) hands a message to the pipeline. */
export interface IntakeGateway {
  submit(message: InboundMessage, options?: { waitMs?: number }): Promise<IntakeReceipt>;
}
