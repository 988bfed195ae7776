import type { Channel } from '../../inbound/channel.js';
import type { PipelineJob } from '../../ports/job-scheduler.port.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import type { TicketEvent } from '../../tickets/ticket-event.js';
import { acknowledgementId } from '../dispatch-ticket/dispatch-notifications.js';

/**
 * The pipeline step a ticket still needs, read from what is stored, or null when the pipeline has
 * nothing left to do for it. Used when an intake message is delivered again (its first run may
 * have died part-way) and when workers start.
 *
 * - new: it was never classified.
 * - accepted, never dispatched, not left with the desk on purpose: dispatch it.
 * - dispatched by the pipeline (first dispatch) but its acknowledgement never reached the
 *   reporter: dispatch again, which re-announces (notification ids make that idempotent).
 *   Later dispatches are people's actions (reassign, escalate), which tell people themselves.
 */
export function pipelineNextStep(t: Ticket, events: readonly TicketEvent[]): PipelineJob | null {
  if (t.status === 'new') return { kind: 'classify', ticketId: t.id };
  if (t.status === 'accepted' && t.dispatchCount === 0)
    return events.some((e) => e.type === 'triage_needed') ? null : { kind: 'dispatch', ticketId: t.id };
  if (t.status === 'dispatched' && t.dispatchCount === 1 && t.assigneeId && TELLS_REPORTER.has(t.channel)) {
    const ack = acknowledgementId(t);
    const told = events.some((e) => e.type === 'notified' && e.data.notificationId === ack);
    return told ? null : { kind: 'dispatch', ticketId: t.id };
  }
  return null;
}

/** Channels on which a reporter's acknowledgement is delivered (alerts and calls have no reporter to tell). */
const TELLS_REPORTER: ReadonlySet<Channel> = new Set(['web', 'email', 'wechat', 'telegram']);

/** Statuses in which `pipelineNextStep` may find work. */
export const UNFINISHED_PIPELINE_STATUSES = ['new', 'accepted', 'dispatched'] as const;
