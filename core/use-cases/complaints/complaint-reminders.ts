import type { StoredTimer, TimerHandler } from '../../ports/timer-scheduler.port.js';
import { COMPLAINT_FAMILY, type ComplaintDeps } from './complaint-deps.js';
import { nextStepNotifications } from './complaint-notifications.js';
import { ticketOf } from './complaint-progress.js';

/**
 * Fires a complaint's step reminder: if the complaint still waits in the status the timer was set
 * for, whoever owes the next step is reminded (once per status; notification ids are keyed so).
 */
export class ComplaintReminders implements TimerHandler {
  readonly family = COMPLAINT_FAMILY;

  constructor(private readonly deps: ComplaintDeps) {}

  async fire(timer: StoredTimer): Promise<void> {
    const c = await this.deps.complaints.findById(timer.ticketId);
    if (!c || c.status !== timer.data.status) return;
    const [people, ticket] = await Promise.all([this.deps.people.list(), ticketOf(this.deps, c)]);
    for (const n of nextStepNotifications(c, people, ticket, this.deps, true))
      await this.deps.jobs.enqueue({ kind: 'notify', notification: n });
  }
}
