import type { ComplaintStatus } from './complaint-status.js';

/** Hours a complaint may wait in each status before whoever owes the next step is reminded. */
export type ComplaintReminderHours = Record<Exclude<ComplaintStatus, 'closed'>, number>;

export const DEFAULT_COMPLAINT_REMINDER_HOURS: ComplaintReminderHours = {
  submitted: 4,
  verified: 4,
  reported: 24,
  decided: 4,
  fed_back: 24,
  rated: 24,
};

/** Deterministic timer id: one reminder per complaint and status it waits in. */
export const complaintReminderId = (complaintId: string, status: ComplaintStatus): string =>
  `complaint:${complaintId}:${status}`;

export function complaintReminderDue(
  status: ComplaintStatus,
  enteredAt: Date,
  hours: ComplaintReminderHours,
): Date | null {
  if (status === 'closed') return null;
  return new Date(enteredAt.getTime() + hours[status] * 3_600_000);
}

/** desk.yaml `complaints:`. */
export interface ComplaintSettings {
  reminderHours: ComplaintReminderHours;
}
