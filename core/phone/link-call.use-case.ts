import type { CallRepository, StoredCall } from '../ports/call.repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { TicketRepository } from '../ports/ticket.repository.port.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import type { Actor } from '../tickets/ticket-event.js';
import { comparableNumber } from './desk-call.js';

export type LinkCallError = { code: 'CALL_NOT_FOUND' | 'TICKET_NOT_FOUND'; message: string };

/** Why the caller's latest call could not be linked; the chat command words each case. */
export type LinkLatestCallError =
  | { code: 'TICKET_NOT_FOUND'; message: string }
  /** No answered hotline call from the number within the window. */
  | { code: 'NO_ANSWERED_CALL'; message: string; windowHours: number }
  /**
   * `call` is already linked: to this very ticket (`sameTicket`), else it is the latest of the
   * number's answered calls in the window, which all are linked to other tickets.
   */
  | {
      code: 'CALL_ALREADY_LINKED';
      message: string;
      call: StoredCall;
      sameTicket: boolean;
      /** The ticket the call is linked to (null when that ticket is gone). */
      linkedTo: string | null;
    };

export interface LinkedCall {
  callId: string;
  ticketNumber: string;
  caller: string;
  startedAt: Date;
}

/** How far back 关联 looks for the caller's answered call: a ticket is registered the day of the call. */
export const DEFAULT_LINK_WINDOW_HOURS = 24;
/** Calls a coarse number match reads before the exact comparison: far more than one caller makes a day. */
const CANDIDATES = 100;

/** Links an answered (or called-back) call to the ticket it produced; the ticket's history says so. */
export class LinkCallUseCase {
  constructor(
    private readonly deps: {
      calls: CallRepository;
      tickets: TicketRepository;
      clock: Clock;
      /** linkLatestFrom's window; default DEFAULT_LINK_WINDOW_HOURS. */
      windowHours?: number;
    },
  ) {}

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
    await this.recordLink(call, ticket, actor);
    return ok({ callId, ticketNumber: ticket.number, already: false });
  }

  /**
   * Links the latest answered hotline call from `number` within the window that is linked to no
   * ticket yet (the desk names the caller's number, not the PBX's call id). Once one of the number's
   * calls is linked to this ticket, saying it again links nothing more.
   */
  async linkLatestFrom(
    number: string,
    ticketNumber: string,
    actor: Actor,
  ): Promise<Result<LinkedCall, LinkLatestCallError>> {
    const ticket = await this.deps.tickets.findByNumber(ticketNumber.trim().toUpperCase());
    if (!ticket) return err({ code: 'TICKET_NOT_FOUND', message: `No ticket ${ticketNumber}.` });
    const windowHours = this.deps.windowHours ?? DEFAULT_LINK_WINDOW_HOURS;
    const wanted = comparableNumber(number);
    const since = new Date(this.deps.clock.now().getTime() - windowHours * 3_600_000);
    const candidates = wanted
      ? await this.deps.calls.answeredDeskCallsEndingIn(wanted.slice(-7), since, CANDIDATES)
      : [];
    const calls = candidates.filter((c) => comparableNumber(c.caller) === wanted);
    const [latest] = calls;
    if (!latest)
      return err({
        code: 'NO_ANSWERED_CALL',
        message: `No answered hotline call from ${number} in the last ${windowHours} hours.`,
        windowHours,
      });

    const already = calls.find((c) => c.ticketId === ticket.id);
    if (already) return this.alreadyLinked(already, ticket);
    const call = calls.find((c) => c.ticketId === null);
    if (!call) return this.alreadyLinked(latest, ticket);
    // Conditional: of two desk engineers linking the same call at once, one wins and the other hears so.
    if (!(await this.deps.calls.linkUnlinkedTicket(call.id, ticket.id)))
      return this.alreadyLinked((await this.deps.calls.findById(call.id)) ?? call, ticket);
    await this.recordLink(call, ticket, actor);
    return ok({
      callId: call.id,
      ticketNumber: ticket.number,
      caller: call.caller,
      startedAt: call.startedAt,
    });
  }

  private async alreadyLinked(call: StoredCall, ticket: Ticket): Promise<Result<never, LinkLatestCallError>> {
    const sameTicket = call.ticketId === ticket.id;
    const other = !sameTicket && call.ticketId ? await this.deps.tickets.findById(call.ticketId) : null;
    const linkedTo = sameTicket ? ticket.number : (other?.number ?? null);
    return err({
      code: 'CALL_ALREADY_LINKED',
      message: `The call ${call.id} is already linked to ${linkedTo ?? 'another ticket'}.`,
      call,
      sameTicket,
      linkedTo,
    });
  }

  private async recordLink(call: StoredCall, ticket: Pick<Ticket, 'id'>, actor: Actor): Promise<void> {
    await this.deps.tickets.appendEvents(ticket.id, [
      {
        type: 'call_linked',
        at: this.deps.clock.now(),
        actor,
        channel: 'phone',
        fromStatus: null,
        toStatus: null,
        data: {
          callId: call.id,
          sourceId: call.sourceId,
          caller: call.caller,
          startedAt: call.startedAt.toISOString(),
          disposition: call.disposition,
          ...(call.ticketId ? { previousTicketId: call.ticketId } : {}),
        },
      },
    ]);
  }
}
