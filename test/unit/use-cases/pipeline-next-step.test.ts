import { describe, expect, it } from 'vitest';
import { pipelineNextStep } from '../../../core/use-cases/resume-pipeline/pipeline-next-step.js';
import type { TicketEvent } from '../../../core/tickets/ticket-event.js';
import { SYSTEM } from '../../../core/tickets/ticket-event.js';
import { aTicket } from '../tickets/ticket.fixture.js';

const at = new Date('2026-11-23T02:00:00Z');
const event = (type: TicketEvent['type'], data: Record<string, unknown> = {}): TicketEvent => ({
  type,
  at,
  actor: SYSTEM('test'),
  channel: 'system',
  fromStatus: null,
  toStatus: null,
  data,
});

describe('pipelineNextStep: what a ticket still needs from the pipeline', () => {
  it('classifies a new ticket', () => {
    const t = aTicket({ status: 'new' });
    expect(pipelineNextStep(t, [])).toEqual({ kind: 'classify', ticketId: t.id });
  });

  it('dispatches an accepted ticket unless it was left with the desk on purpose', () => {
    const t = aTicket({ status: 'accepted' });
    expect(pipelineNextStep(t, [event('classified')])).toEqual({ kind: 'dispatch', ticketId: t.id });
    expect(pipelineNextStep(t, [event('classified'), event('triage_needed')])).toBeNull();
  });

  it('re-announces a first dispatch whose acknowledgement never reached the reporter', () => {
    const t = aTicket({ status: 'dispatched', dispatchCount: 1 });
    const prompt = event('notified', { notificationId: `dispatch-${t.id}-1`, purpose: 'dispatch' });
    expect(pipelineNextStep(t, [event('dispatched'), prompt])).toEqual({ kind: 'dispatch', ticketId: t.id });
    const ack = event('notified', { notificationId: `ack-${t.id}-1`, purpose: 'acknowledgement' });
    expect(pipelineNextStep(t, [event('dispatched'), prompt, ack])).toBeNull();
    // Alerts and calls have no reporter to acknowledge: nothing to re-announce.
    expect(pipelineNextStep({ ...t, channel: 'alert' }, [event('dispatched'), prompt])).toBeNull();
  });

  it('leaves later dispatches (reassign, escalate) and every later status to people', () => {
    expect(pipelineNextStep(aTicket({ status: 'dispatched', dispatchCount: 2 }), [])).toBeNull();
    for (const status of [
      'acknowledged',
      'in_progress',
      'pending',
      'resolved',
      'closed',
      'cancelled',
    ] as const)
      expect(pipelineNextStep(aTicket({ status }), []), status).toBeNull();
  });
});
