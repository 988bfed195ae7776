import type { Person } from '../../desk/person.js';
import { STATUS_TEXT } from '../../notify/status-text.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import type { TicketEvent } from '../../tickets/ticket-event.js';
import { transition, type TransitionContext } from '../../tickets/ticket-lifecycle.js';
import { isOpen } from '../../tickets/ticket-status.js';
import { TICKET_ERROR_CODES } from '../../tickets/ticket.errors.js';
import type { TicketAction } from '../../tickets/ticket-transitions.js';
import { permanent } from '../use-case.errors.js';
import { chooseEscalation } from './choose-escalation.js';
import { TICKET_ACTION_ERROR_CODES as CODES, type TicketActionError } from './ticket-action.errors.js';
import type { TicketActionInput, TicketActionRequest } from './ticket-action.types.js';

export interface PlanContext {
  now: Date;
  people: readonly Person[];
  /** Escalation only: who is on duty and how loaded. */
  onShift: ReadonlySet<string>;
  openCounts: ReadonlyMap<string, number>;
}

export interface Plan {
  ticket: Ticket;
  events: TicketEvent[];
}

type Planned = Result<Plan, TicketActionError>;
type Move = [TicketAction, Partial<TransitionContext>];

const ACTION_TEXT: Record<TicketAction, string> = {
  accept: '受理',
  dispatch: '派单',
  reassign: '转派',
  acknowledge: '接单',
  start: '开始处理（到达）',
  pend: '挂起',
  resume: '恢复',
  resolve: '完成',
  reopen: '重新处理',
  close: '关闭',
  cancel: '取消',
};

/** Applies lifecycle steps in order, collecting their events; a refused step says why in Chinese. */
function steps(t: Ticket, input: TicketActionInput, now: Date, moves: Move[]): Planned {
  let ticket = t;
  const events: TicketEvent[] = [];
  for (const [action, extra] of moves) {
    const moved = transition(ticket, action, {
      at: now,
      actor: input.actor,
      channel: input.channel,
      ...extra,
    });
    if (!moved.ok) {
      const e = moved.error;
      const message =
        e.code === TICKET_ERROR_CODES.INVALID_TRANSITION
          ? `工单 ${t.number} 当前状态为「${STATUS_TEXT[ticket.status]}」，不能${ACTION_TEXT[action]}。`
          : e.code === TICKET_ERROR_CODES.SAME_ASSIGNEE
            ? `工单 ${t.number} 已经由该工程师负责，无需转派。`
            : e.message;
      return err(permanent(e.code, message, { status: ticket.status, action }));
    }
    ticket = moved.value.ticket;
    events.push(moved.value.event);
  }
  return ok({ ticket, events });
}

function plainEvent(
  t: Ticket,
  input: TicketActionInput,
  now: Date,
  type: TicketEvent['type'],
  data: Record<string, unknown>,
): TicketEvent {
  return {
    type,
    at: now,
    actor: input.actor,
    channel: input.channel,
    fromStatus: null,
    toStatus: null,
    data,
  };
}

/**
 * The changed ticket and the events one action produces. Pure: the use case loads, plans, and saves
 * with the optimistic version check, planning again from fresh state when another write won.
 */
export function planTicketAction(t: Ticket, input: TicketActionInput, ctx: PlanContext): Planned {
  const { now } = ctx;
  const r: TicketActionRequest = input.request;
  switch (r.action) {
    case 'acknowledge':
      return steps(t, input, now, [['acknowledge', {}]]);
    case 'arrive':
      // Arriving answers the dispatch too: an engineer who walks in without 接单 has still responded.
      return steps(
        t,
        input,
        now,
        t.status === 'dispatched'
          ? [
              ['acknowledge', {}],
              ['start', {}],
            ]
          : [['start', {}]],
      );
    case 'note': {
      if (!isOpen(t.status))
        return err(
          permanent(CODES.NOT_OPEN, `工单 ${t.number} 已${STATUS_TEXT[t.status]}，不能再记录进展。`),
        );
      if (r.text.trim() === '') return err(permanent(CODES.EMPTY_TEXT, '进展内容不能为空。'));
      return ok({
        ticket: { ...t, updatedAt: now },
        events: [plainEvent(t, input, now, 'noted', { text: r.text.trim() })],
      });
    }
    case 'pend':
      return steps(t, input, now, [['pend', { data: { reason: r.reason } }]]);
    case 'resume':
      return steps(t, input, now, [['resume', {}]]);
    case 'cancel':
      return steps(t, input, now, [['cancel', { data: r.reason ? { reason: r.reason } : {} }]]);
    case 'reassign': {
      const target = ctx.people.find((p) => p.id === r.assigneeId);
      if (!target || target.role !== 'engineer' || !target.active)
        return err(
          permanent(CODES.NOT_AN_ENGINEER, `${target?.name ?? r.assigneeId} 不是在职工程师，不能转派给他。`),
        );
      const action: TicketAction = t.status === 'accepted' ? 'dispatch' : 'reassign';
      return steps(t, input, now, [
        [action, { assigneeId: target.id, data: { reason: r.reason, manual: true } }],
      ]);
    }
    case 'escalate':
      return planEscalation(t, input, ctx, r.reason);
    case 'resolve':
      return planResolution(t, input, now, r);
    case 'rate':
      return planRating(t, input, now, r.rating, r.comment);
  }
}

function planEscalation(t: Ticket, input: TicketActionInput, ctx: PlanContext, reason: string): Planned {
  const choice = chooseEscalation(t, ctx.people, ctx.onShift, ctx.openCounts);
  if (!choice.ok) return err(permanent(CODES.NO_HIGHER_ENGINEER, choice.error));
  const { personId, reason: why, offShift, fromLevel } = choice.value;
  const to = ctx.people.find((p) => p.id === personId);
  const escalated = plainEvent(t, input, ctx.now, 'escalated', {
    reason,
    fromAssigneeId: t.assigneeId,
    toAssigneeId: personId,
    fromLevel,
    toLevel: to?.level ?? null,
    offShift,
  });
  const action: TicketAction = t.status === 'accepted' ? 'dispatch' : 'reassign';
  const moved = steps(t, input, ctx.now, [
    [action, { assigneeId: personId, data: { reason: why, escalation: reason } }],
  ]);
  if (!moved.ok) return moved;
  return ok({ ticket: moved.value.ticket, events: [escalated, ...moved.value.events] });
}

function planResolution(
  t: Ticket,
  input: TicketActionInput,
  now: Date,
  r: Extract<TicketActionRequest, { action: 'resolve' }>,
): Planned {
  const moved = steps(t, input, now, [['resolve', {}]]);
  if (!moved.ok) return moved;
  const arrived = t.arrivedAt !== null;
  // Not said: whoever came on site solved it on site; nobody came, so it was solved remotely.
  const remote = r.remote ?? !arrived;
  const leaving = arrived && t.departedAt === null;
  const ticket: Ticket = {
    ...moved.value.ticket,
    departedAt: leaving ? now : t.departedAt,
    resolution: {
      process: r.process.trim(),
      remote,
      parts: r.parts,
      consumables: r.consumables,
      signedOffBy: input.actor.id ?? input.actor.name,
      signedOffAt: now,
    },
  };
  const [resolved] = moved.value.events;
  const events: TicketEvent[] = [];
  if (leaving) events.push(plainEvent(t, input, now, 'departed', {}));
  if (resolved)
    events.push({
      ...resolved,
      data: {
        ...resolved.data,
        process: r.process.trim(),
        parts: r.parts,
        consumables: r.consumables,
        remote,
        remoteInferred: r.remote === null,
      },
    });
  return ok({ ticket, events });
}

function planRating(
  t: Ticket,
  input: TicketActionInput,
  now: Date,
  rating: number,
  comment: string | null,
): Planned {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    return err(permanent(CODES.INVALID_RATING, '评价请回复 1–5（5 非常满意 … 1 非常不满意）。'));
  if (t.rating !== null) return err(permanent(CODES.ALREADY_RATED, `工单 ${t.number} 已经评价过了，谢谢。`));
  if (t.status !== 'resolved' && t.status !== 'closed')
    return err(
      permanent(
        CODES.NOT_RESOLVED,
        `工单 ${t.number} 当前状态为「${STATUS_TEXT[t.status]}」，解决后才能评价。`,
      ),
    );
  const rated = plainEvent(t, input, now, 'rated', { rating, comment });
  const withRating: Ticket = { ...t, rating, ratingComment: comment, ratedAt: now, updatedAt: now };
  // Closed already (the follow-up timeout): the late rating still counts.
  if (t.status === 'closed') return ok({ ticket: withRating, events: [rated] });
  const closed = steps(withRating, input, now, [['close', { data: { by: 'rating' } }]]);
  if (!closed.ok) return closed;
  return ok({ ticket: closed.value.ticket, events: [rated, ...closed.value.events] });
}
