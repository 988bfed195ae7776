import { complaintReminderDue } from '../../complaints/complaint-reminder.js';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '../../complaints/complaint-status.js';
import type { Complaint, ComplaintStepRecord } from '../../complaints/complaint.entity.js';
import type { Notification } from '../../ports/job-scheduler.port.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import { COMPLAINT_REMINDER_KIND, type ComplaintDeps } from './complaint-deps.js';

const statusIndex = (s: ComplaintStatus): number => COMPLAINT_STATUSES.indexOf(s);

/**
 * What follows every recorded step: the `complaint` event on the ticket, the reminder of the
 * status left cancelled and the one of the status reached set, and the notifications queued.
 * Each part is idempotent, so a retried step after a crash repeats none of it.
 */
export async function followStep(
  deps: ComplaintDeps,
  c: Complaint,
  record: ComplaintStepRecord,
  left: ComplaintStatus | null,
  notifications: Notification[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (c.ticketId) {
    const history = await deps.tickets.events(c.ticketId);
    const already = history.some(
      (e) => e.type === 'complaint' && e.data.complaintId === c.id && e.data.step === record.step,
    );
    if (!already)
      await deps.tickets.appendEvents(c.ticketId, [
        {
          type: 'complaint',
          at: record.at,
          actor: {
            kind:
              record.actor.kind === 'person'
                ? 'person'
                : record.actor.kind === 'system'
                  ? 'system'
                  : 'reporter',
            id: record.actor.id,
            name: record.actor.name,
          },
          channel: 'system',
          fromStatus: null,
          toStatus: null,
          data: { step: record.step, complaintId: c.id, status: c.status, note: record.note, ...extra },
        },
      ]);
  }
  if (left) await deps.timers.cancel({ ticketId: c.id, kind: COMPLAINT_REMINDER_KIND, n: statusIndex(left) });
  const due = complaintReminderDue(c.status, record.at, deps.reminderHours);
  if (due)
    await deps.timers.schedule({
      ticketId: c.id,
      kind: COMPLAINT_REMINDER_KIND,
      n: statusIndex(c.status),
      dueAt: due,
      data: { status: c.status },
    });
  for (const n of notifications) await deps.jobs.enqueue({ kind: 'notify', notification: n });
}

export async function ticketOf(deps: ComplaintDeps, c: Complaint): Promise<Ticket | null> {
  return c.ticketId ? deps.tickets.findById(c.ticketId) : null;
}
