import type { ComplaintReminderHours } from '../../complaints/complaint-reminder.js';
import type { DeskSettings } from '../../desk/desk-settings.js';
import type { Channel } from '../../inbound/channel.js';
import type { Clock } from '../../ports/clock.port.js';
import type { ComplaintRepository } from '../../ports/complaint.repository.port.js';
import type { JobScheduler } from '../../ports/job-scheduler.port.js';
import type { PersonRepository } from '../../ports/person.repository.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import type { TimerScheduler } from '../../ports/timer-scheduler.port.js';

export interface ComplaintDeps {
  complaints: ComplaintRepository;
  tickets: TicketRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  timers: TimerScheduler;
  clock: Clock;
  desk: Pick<DeskSettings, 'shifts' | 'rota' | 'timezone'>;
  reminderHours: ComplaintReminderHours;
  enabledChannels: ReadonlySet<Channel>;
  /** Random part of complaint ids. */
  newId: () => string;
}

export const COMPLAINT_REMINDER_KIND = 'complaint.step-reminder';
export const COMPLAINT_FAMILY = 'complaint';
