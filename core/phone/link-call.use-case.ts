import type { CallRepository } from '../ports/call.repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { TicketRepository } from '../ports/ticket.repository.port.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Actor } from '../tickets/ticket-event.js';

export type LinkCallError = { code: 'CALL_NOT_FOUND' | 'TICKET_NOT_FOUND'; message: string };

/** Links an answered (or called-back) call to the ticket it produced; the ticket's history says so. */
export class LinkCallUseCase {
  constructor(private readonly deps: { calls: CallRepository; tickets: TicketRepository; clock: Clock }) {}

  async execute(
    callId: string,
    ticketNumber: string,
    actor: Actor,
  ): Promise<Result<{ callId: string; ticketNumber: string; already: boolean }, LinkCallError>> {
    const call = await this.deps.calls.findById(callId);
    if (!call) return err({ code: 'CALL_NOT_FOUND', message: `No call ${callId}.` });
    const ticket = await this.deps.tickets.findByNumber(ticketNumber.trim().toUpperCase());
    if (!ticket) return err({ code: 'TICKET_NOT_FOUND', message: `No ticket ${ticketNumber}.` });
    if (call.ticketId === ticket.id) return ok({ callId, ticketNumber: ticket.number, already: true });
    await this.deps.calls.linkTicket(callId, ticket.id);
    await this.deps.tickets.appendEvents(ticket.id, [
      {
        type: 'call_linked',
        at: this.deps.clock.now(),
        actor,
        channel: 'phone',
        fromStatus: null,
        toStatus: null,
        data: {
          callId,
          sourceId: call.sourceId,
          caller: call.caller,
          startedAt: call.startedAt.toISOString(),
          disposition: call.disposition,
          ...(call.ticketId ? { previousTicketId: call.ticketId } : {}),
        },
      },
    ]);
    return ok({ callId, ticketNumber: ticket.number, already: false });
  }
}
