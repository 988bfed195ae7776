import { err, ok, type Result } from '../shared/result.js';
import type { Channel } from '../inbound/channel.js';
import type { Ticket } from './ticket.entity.js';
import type { Actor, TicketEvent, TicketEventType } from './ticket-event.js';
import { TICKET_ERROR_CODES, invalidTransition, type TicketError } from './ticket.errors.js';
import { canApply, targetOf, type TicketAction } from './ticket-transitions.js';

export interface TransitionContext {
  at: Date;
  actor: Actor;
  channel: Channel | 'system';
  /** accept: the desk engineer who becomes overall owner. */
  ownerId?: string;
  /** dispatch / reassign: the engineer who becomes current assignee. */
  assigneeId?: string;
  /** Free-form facts recorded in the event (reason, note, evidence). */
  data?: Record<string, unknown>;
}

export interface Transitioned {
  ticket: Ticket;
  event: TicketEvent;
}

const EVENT_OF: Record<TicketAction, TicketEventType> = {
  accept: 'accepted',
  dispatch: 'dispatched',
  reassign: 'reassigned',
  acknowledge: 'acknowledged',
  start: 'started',
  pend: 'pended',
  resume: 'resumed',
  resolve: 'resolved',
  reopen: 'reopened',
  close: 'closed',
  cancel: 'cancelled',
};

/** Field changes that come with an action, beyond the status itself. */
function sideEffects(
  action: TicketAction,
  t: Ticket,
  ctx: TransitionContext,
): Result<Partial<Ticket>, TicketError> {
  switch (action) {
    case 'accept':
      if (!ctx.ownerId)
        return err({ code: TICKET_ERROR_CODES.OWNER_REQUIRED, message: 'Accepting needs an owner.' });
      return ok({ ownerId: ctx.ownerId, acceptedAt: ctx.at });
    case 'dispatch':
    case 'reassign':
      if (!ctx.assigneeId)
        return err({ code: TICKET_ERROR_CODES.ASSIGNEE_REQUIRED, message: `"${action}" needs an engineer.` });
      if (action === 'reassign' && ctx.assigneeId === t.assigneeId)
        return err({
          code: TICKET_ERROR_CODES.SAME_ASSIGNEE,
          message: `${t.number} is already with that engineer.`,
        });
      // The on-site record (到达/离开) belongs to the engineer now responsible; earlier visits stay in the events.
      return ok({
        assigneeId: ctx.assigneeId,
        dispatchedAt: ctx.at,
        dispatchCount: t.dispatchCount + 1,
        acknowledgedAt: null,
        arrivedAt: null,
        departedAt: null,
      });
    case 'acknowledge':
      return ok({ acknowledgedAt: ctx.at });
    case 'start':
      return ok({ arrivedAt: t.arrivedAt ?? ctx.at });
    case 'resolve':
      return ok({ resolvedAt: ctx.at });
    case 'reopen':
      return ok({ resolvedAt: null });
    case 'close':
    case 'cancel':
      return ok({ closedAt: ctx.at });
    default:
      return ok({});
  }
}

/**
 * Applies one lifecycle action. Pure: returns the changed ticket and the event to append,
 * or a typed error with a stable code when the table does not allow the move.
 */
export function transition(
  ticket: Ticket,
  action: TicketAction,
  ctx: TransitionContext,
): Result<Transitioned, TicketError> {
  if (!canApply(action, ticket.status)) return err(invalidTransition(action, ticket.status, ticket.number));
  const changes = sideEffects(action, ticket, ctx);
  if (!changes.ok) return changes;
  const to = targetOf(action);
  const next: Ticket = { ...ticket, ...changes.value, status: to, updatedAt: ctx.at };
  const data: Record<string, unknown> = { ...ctx.data };
  if (action === 'accept' && ctx.ownerId) data.ownerId = ctx.ownerId;
  if ((action === 'dispatch' || action === 'reassign') && ctx.assigneeId) {
    data.assigneeId = ctx.assigneeId;
    if (ticket.assigneeId && ticket.assigneeId !== ctx.assigneeId)
      data.previousAssigneeId = ticket.assigneeId;
  }
  return ok({
    ticket: next,
    event: {
      type: EVENT_OF[action],
      at: ctx.at,
      actor: ctx.actor,
      channel: ctx.channel,
      fromStatus: ticket.status,
      toStatus: to,
      data,
    },
  });
}
