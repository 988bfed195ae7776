import { describe, expect, it } from 'vitest';
import {
  SYSTEM,
  TICKET_ACTION_NAMES,
  TICKET_ERROR_CODES,
  TICKET_STATUSES,
  transition,
  type TicketAction,
  type TicketEventType,
  type TicketStatus,
  type TransitionContext,
} from '../../../core/tickets/index.js';
import { aTicket } from './ticket.fixture.js';

/**
 * The lifecycle as the process describes it, written out here without looking at the table:
 *   new → accepted → dispatched → acknowledged → in_progress ⇄ pending → resolved → closed
 * plus the desk's remote resolution straight from accepted, the engineer resolving right after
 * responding, reassignment while an engineer holds the ticket, reopening, and cancelling any open
 * ticket. Closed and cancelled are terminal.
 */
const OPEN: TicketStatus[] = ['new', 'accepted', 'dispatched', 'acknowledged', 'in_progress', 'pending'];
const HELD_BY_ENGINEER: TicketStatus[] = ['dispatched', 'acknowledged', 'in_progress', 'pending'];

const ALLOWED: Array<[from: TicketStatus, action: TicketAction, to: TicketStatus]> = [
  ['new', 'accept', 'accepted'],
  ['accepted', 'dispatch', 'dispatched'],
  ['dispatched', 'acknowledge', 'acknowledged'],
  ['acknowledged', 'start', 'in_progress'],
  ['in_progress', 'pend', 'pending'],
  ['pending', 'resume', 'in_progress'],
  ['in_progress', 'resolve', 'resolved'],
  // "in_progress ⇄ pending → resolved": the vendor or the user settles it while the ticket waits.
  ['pending', 'resolve', 'resolved'],
  // 服务台远程解决: the desk fixes it by phone or remote assistance before anyone is dispatched.
  ['accepted', 'resolve', 'resolved'],
  // The engineer fixes it during the first call after responding, with no site visit to record.
  ['acknowledged', 'resolve', 'resolved'],
  ['resolved', 'close', 'closed'],
  ['resolved', 'reopen', 'in_progress'],
  ...HELD_BY_ENGINEER.map((from): [TicketStatus, TicketAction, TicketStatus] => [
    from,
    'reassign',
    'dispatched',
  ]),
  ...OPEN.map((from): [TicketStatus, TicketAction, TicketStatus] => [from, 'cancel', 'cancelled']),
];

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

const AT = new Date('2026-11-23T02:00:00Z');
const actor = { kind: 'person' as const, id: 'desk-a', name: '王服务台' };

/** Everything any action could need, so a refusal can only come from the table. */
const fullContext = (): TransitionContext => ({
  at: AT,
  actor,
  channel: 'wechat',
  ownerId: 'desk-b',
  assigneeId: 'eng-pc-l2',
  data: { note: 'test' },
});

const targetOf = (from: TicketStatus, action: TicketAction): TicketStatus | null =>
  ALLOWED.find(([f, a]) => f === from && a === action)?.[2] ?? null;

describe('ticket lifecycle: every status × every action', () => {
  it('knows exactly the actions and statuses this test describes', () => {
    expect([...TICKET_ACTION_NAMES].sort()).toEqual(Object.keys(EVENT_OF).sort());
    expect([...TICKET_STATUSES].sort()).toEqual(
      [...new Set(ALLOWED.flatMap(([from, , to]) => [from, to]))].sort(),
    );
  });

  const pairs = TICKET_STATUSES.flatMap((from) => TICKET_ACTION_NAMES.map((action) => ({ from, action })));

  it.each(pairs)('$action from $from', ({ from, action }) => {
    const ticket = aTicket({ status: from });
    const result = transition(ticket, action, fullContext());
    const to = targetOf(from, action);
    if (to === null) {
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({
          code: TICKET_ERROR_CODES.INVALID_TRANSITION,
          details: { action, from },
        }),
      });
      if (!result.ok) expect(result.error.message).toContain(ticket.number);
      return;
    }
    if (!result.ok) throw new Error(`expected ${action} from ${from} to succeed: ${result.error.message}`);
    expect(result.value.ticket.status).toBe(to);
    expect(result.value.ticket.updatedAt).toEqual(AT);
    expect(result.value.event).toMatchObject({
      type: EVENT_OF[action],
      at: AT,
      actor,
      channel: 'wechat',
      fromStatus: from,
      toStatus: to,
    });
    expect(result.value.event.data).toMatchObject({ note: 'test' });
  });

  it.each(['closed', 'cancelled'] as const)('%s is terminal: no action applies', (status) => {
    for (const action of TICKET_ACTION_NAMES) {
      const result = transition(aTicket({ status }), action, fullContext());
      expect(result.ok ? action : result.error.code).toBe(TICKET_ERROR_CODES.INVALID_TRANSITION);
    }
  });
});

describe('ticket lifecycle: side effects', () => {
  const ctx = (extra: Partial<TransitionContext> = {}): TransitionContext => ({
    at: AT,
    actor: SYSTEM('test'),
    channel: 'system',
    ...extra,
  });
  const apply = (status: TicketStatus, action: TicketAction, extra: Partial<TransitionContext> = {}) => {
    const result = transition(aTicket({ status }), action, ctx(extra));
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('accept needs the desk engineer who becomes overall owner', () => {
    const refused = transition(aTicket({ status: 'new' }), 'accept', ctx());
    expect(refused.ok || refused.error.code).toBe(TICKET_ERROR_CODES.OWNER_REQUIRED);

    const { ticket, event } = apply('new', 'accept', { ownerId: 'desk-b' });
    expect(ticket).toMatchObject({ ownerId: 'desk-b', acceptedAt: AT, assigneeId: null });
    expect(event.data).toMatchObject({ ownerId: 'desk-b' });
  });

  it.each([
    ['dispatch', 'accepted'],
    ['reassign', 'in_progress'],
  ] as const)('%s needs an engineer', (action, from) => {
    const refused = transition(aTicket({ status: from }), action, ctx());
    expect(refused.ok || refused.error.code).toBe(TICKET_ERROR_CODES.ASSIGNEE_REQUIRED);
  });

  it('dispatch makes the engineer current assignee and counts the dispatch', () => {
    const { ticket, event } = apply('accepted', 'dispatch', {
      assigneeId: 'eng-print',
      data: { reason: 'r' },
    });
    expect(ticket).toMatchObject({
      assigneeId: 'eng-print',
      ownerId: 'desk-a',
      dispatchedAt: AT,
      dispatchCount: 1,
    });
    expect(event.data).toEqual({ reason: 'r', assigneeId: 'eng-print' });
  });

  it('reassign moves the ticket to another engineer, records who had it and restarts the response clock', () => {
    const before = aTicket({ status: 'in_progress', acknowledgedAt: new Date('2026-11-23T01:58:00Z') });
    const result = transition(before, 'reassign', ctx({ assigneeId: 'eng-pc-l2' }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.ticket).toMatchObject({
      status: 'dispatched',
      assigneeId: 'eng-pc-l2',
      ownerId: 'desk-a',
      dispatchCount: before.dispatchCount + 1,
      dispatchedAt: AT,
      acknowledgedAt: null,
    });
    expect(result.value.event.data).toEqual({ assigneeId: 'eng-pc-l2', previousAssigneeId: 'eng-print' });
  });

  it('reassign clears the on-site record, which belongs to the engineer now responsible', () => {
    const before = aTicket({
      status: 'in_progress',
      arrivedAt: new Date('2026-11-23T01:50:00Z'),
      departedAt: new Date('2026-11-23T01:55:00Z'),
    });
    const result = transition(before, 'reassign', ctx({ assigneeId: 'eng-pc-l2' }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.ticket).toMatchObject({ arrivedAt: null, departedAt: null });
    const arrived = transition({ ...result.value.ticket, status: 'acknowledged' }, 'start', ctx());
    expect(arrived.ok && arrived.value.ticket.arrivedAt).toEqual(AT);
  });

  it('records an owner or an assignee only for the actions that set one', () => {
    const { event } = apply('dispatched', 'acknowledge', { ownerId: 'desk-b', assigneeId: 'eng-net' });
    expect(event.data).toEqual({});
  });

  it('reassigning to the engineer who already has the ticket is refused', () => {
    const result = transition(
      aTicket({ status: 'dispatched' }),
      'reassign',
      ctx({ assigneeId: 'eng-print' }),
    );
    expect(result.ok || result.error.code).toBe(TICKET_ERROR_CODES.SAME_ASSIGNEE);
  });

  it('stamps each milestone with the context time', () => {
    expect(apply('dispatched', 'acknowledge').ticket.acknowledgedAt).toEqual(AT);
    expect(apply('acknowledged', 'start').ticket.arrivedAt).toEqual(AT);
    expect(apply('in_progress', 'resolve').ticket.resolvedAt).toEqual(AT);
    expect(apply('resolved', 'close').ticket.closedAt).toEqual(AT);
    expect(apply('pending', 'cancel').ticket.closedAt).toEqual(AT);
  });

  it('reopening clears the resolution time', () => {
    const resolved = aTicket({ status: 'resolved', resolvedAt: new Date('2026-11-23T01:59:00Z') });
    const result = transition(resolved, 'reopen', ctx());
    expect(result.ok && result.value.ticket).toMatchObject({ status: 'in_progress', resolvedAt: null });
  });

  it('never changes the ticket it is given', () => {
    for (const [from, action] of ALLOWED) {
      const ticket = aTicket({ status: from });
      const copy = structuredClone(ticket);
      const result = transition(ticket, action, ctx({ ownerId: 'desk-b', assigneeId: 'eng-pc-l2' }));
      expect(result.ok).toBe(true);
      expect(ticket).toEqual(copy);
    }
  });

  it('checks the table before the action-specific requirements', () => {
    const result = transition(aTicket({ status: 'closed' }), 'accept', ctx());
    expect(result.ok || result.error.code).toBe(TICKET_ERROR_CODES.INVALID_TRANSITION);
  });
});
