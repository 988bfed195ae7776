import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../../core/desk/desk-settings.js';
import { ALWAYS, SlaCalendar } from '../../../core/sla/sla-calendar.js';
import { parseSlaKind, pausesOf, planSlaTimers } from '../../../core/sla/sla-plan.js';
import { rulesFor } from '../../../core/sla/sla-rules.js';
import { SYSTEM, type TicketEvent } from '../../../core/tickets/ticket-event.js';
import type { TicketStatus } from '../../../core/tickets/ticket-status.js';
import { aTicket } from '../tickets/ticket.fixture.js';

const T0 = new Date('2026-11-23T02:00:00Z');
const plus = (min: number): Date => new Date(T0.getTime() + min * 60_000);
const move = (from: TicketStatus, to: TicketStatus, atMin: number): TicketEvent => ({
  type: 'field_changed',
  at: plus(atMin),
  actor: SYSTEM('test'),
  channel: 'system',
  fromStatus: from,
  toStatus: to,
  data: {},
});
const policy: SlaPolicy = { responseMinutes: 10 };
const always = new SlaCalendar(ALWAYS, 'Asia/Shanghai');
const due = (plans: ReturnType<typeof planSlaTimers>) =>
  plans.map((p) => [p.kind, p.n, p.dueAt.toISOString()]);

describe('which SLA timers a ticket should have', () => {
  it('dispatched: response reminders at 50% and 80% and the breach at 10 minutes, plus resolution', () => {
    const t = aTicket({
      status: 'dispatched',
      priority: 'P2',
      createdAt: T0,
      dispatchedAt: plus(2),
      dispatchCount: 1,
    });
    const plans = planSlaTimers(t, [], rulesFor(policy, 'P2', t.category), always);
    expect(due(plans)).toEqual([
      ['sla.response-reminder-1', 1, plus(7).toISOString()],
      ['sla.response-reminder-2', 1, plus(10).toISOString()],
      ['sla.response-breach', 1, plus(12).toISOString()],
      ['sla.resolution-reminder-1', 0, plus(240).toISOString()],
      ['sla.resolution-reminder-2', 0, plus(384).toISOString()],
      ['sla.resolution-breach', 0, plus(480).toISOString()],
    ]);
    expect(plans[2]?.data).toMatchObject({
      target: 'response',
      step: 'breach',
      minutes: 10,
      calendar: '24x7',
    });
  });

  it('a reassignment starts a new response cycle; acknowledged runs the arrival window from dispatch', () => {
    const again = aTicket({ status: 'dispatched', createdAt: T0, dispatchedAt: plus(30), dispatchCount: 2 });
    expect(planSlaTimers(again, [], rulesFor(policy, 'P3', null), always)[2]).toMatchObject({
      kind: 'sla.response-breach',
      n: 2,
      dueAt: plus(40),
    });
    const acked = aTicket({ status: 'acknowledged', priority: 'P1', createdAt: T0, dispatchedAt: plus(0) });
    const kinds = planSlaTimers(acked, [], rulesFor(policy, 'P1', null), always).map((p) => p.kind);
    expect(kinds).toEqual([
      'sla.arrival-reminder-1',
      'sla.arrival-reminder-2',
      'sla.arrival-breach',
      'sla.resolution-reminder-1',
      'sla.resolution-reminder-2',
      'sla.resolution-breach',
    ]);
  });

  it('pending stops the clock: no timers; resumed: the deadline moves by the pending time', () => {
    const pended = [move('in_progress', 'pending', 60)];
    const waiting = aTicket({ status: 'pending', createdAt: T0, updatedAt: plus(60) });
    expect(planSlaTimers(waiting, pended, rulesFor(policy, 'P1', null), always)).toEqual([]);
    const resumed = aTicket({ status: 'in_progress', createdAt: T0 });
    const events = [...pended, move('pending', 'in_progress', 150)];
    const breach = planSlaTimers(resumed, events, rulesFor(policy, 'P1', null), always).at(-1);
    expect(breach).toMatchObject({ kind: 'sla.resolution-breach', dueAt: plus(240 + 90) });
  });

  it('resolved and reopened: the time it stood resolved does not count', () => {
    const events = [move('in_progress', 'resolved', 100), move('resolved', 'in_progress', 130)];
    expect(pausesOf(events, aTicket({ status: 'in_progress' }))).toEqual([
      { start: plus(100).getTime(), end: plus(130).getTime() },
    ]);
    expect(
      planSlaTimers(aTicket({ status: 'resolved', createdAt: T0 }), [], rulesFor(policy, 'P1', null), always),
    ).toEqual([]);
  });

  it('desk.yaml overrides: per-priority minutes, null switches a target off, reminders in percent', () => {
    const custom: SlaPolicy = {
      responseMinutes: 10,
      reminderPercents: [75],
      targets: { P1: { responseMinutes: 5, resolutionMinutes: null } },
      calendars: [{ name: 'office', kind: 'hours', windows: [], holidays: 'cn' }],
      categoryCalendars: { 打印机: 'office' },
    };
    const rules = rulesFor(custom, 'P1', '打印机');
    expect(rules.minutes).toEqual({ response: 5, arrival: 30, resolution: null });
    expect(rules.reminderPercents).toEqual([75]);
    expect(rules.calendar.name).toBe('office');
    expect(rulesFor(custom, 'P1', '网络').calendar.name).toBe('24x7');
    const t = aTicket({ status: 'dispatched', priority: 'P1', createdAt: T0, dispatchedAt: T0 });
    expect(due(planSlaTimers(t, [], rulesFor(custom, 'P1', '网络'), always))).toEqual([
      ['sla.response-reminder-1', 1, plus(3.75).toISOString()],
      ['sla.response-breach', 1, plus(5).toISOString()],
    ]);
  });

  it('kinds parse back into target and step', () => {
    expect(parseSlaKind('sla.arrival-reminder-2')).toEqual({ target: 'arrival', step: 'reminder' });
    expect(parseSlaKind('sla.resolution-breach')).toEqual({ target: 'resolution', step: 'breach' });
    expect(parseSlaKind('followup.reminder')).toBeNull();
  });
});
