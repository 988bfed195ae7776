import type { Clock } from '../../ports/clock.port.js';
import type { Notification } from '../../ports/job-scheduler.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import { ok, type Result } from '../../shared/result.js';
import { SYSTEM } from '../../tickets/ticket-event.js';
import type { UseCaseError } from '../use-case.errors.js';

export interface RecordDeliveryDeps {
  tickets: TicketRepository;
  clock: Clock;
}

/**
 * Writes what the desk told someone into the ticket's conversation and audit trail, once per
 * notification id, after the channel has delivered it (for the web, recording it is the delivery:
 * the reporter reads it on the ticket page).
 */
export class RecordDeliveryUseCase {
  constructor(private readonly deps: RecordDeliveryDeps) {}

  async execute(
    n: Notification,
    delivery: { providerId?: string } = {},
  ): Promise<Result<{ recorded: boolean }, UseCaseError>> {
    if (!n.ticketId) return ok({ recorded: false });
    const at = this.deps.clock.now();
    const { added } = await this.deps.tickets.appendMessage(
      n.ticketId,
      {
        channel: n.channel,
        // Outbound ids live in their own namespace beside the channel's inbound message ids.
        externalId: `out:${n.id}`,
        direction: 'out',
        senderName: 'deskbot',
        senderPersonId: null,
        subject: null,
        text: n.text,
        at,
        attachments: [],
      },
      {
        type: 'notified',
        at,
        actor: SYSTEM('notifier'),
        channel: n.channel,
        fromStatus: null,
        toStatus: null,
        data: { purpose: n.purpose, to: n.to, notificationId: n.id, ...delivery },
      },
    );
    return ok({ recorded: added });
  }
}
