import type { DeskSettings } from '../../desk/desk-settings.js';
import type { Channel } from '../../inbound/channel.js';
import type { Clock } from '../../ports/clock.port.js';
import type { HandoverRepository } from '../../ports/handover.repository.port.js';
import type { JobScheduler } from '../../ports/job-scheduler.port.js';
import type { PersonRepository } from '../../ports/person.repository.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import type { TimerScheduler } from '../../ports/timer-scheduler.port.js';

export interface HandoverDeps {
  tickets: TicketRepository;
  people: PersonRepository;
  handovers: HandoverRepository;
  jobs: JobScheduler;
  timers: TimerScheduler;
  clock: Clock;
  desk: Pick<DeskSettings, 'shifts' | 'rota' | 'timezone'>;
  enabledChannels: ReadonlySet<Channel>;
  newId: () => string;
  /** How often the desk is told again about tickets still not handed over after a shift end. */
  flagRepeatMinutes: number;
}

export const HANDOVER_FAMILY = 'handover';
export const SHIFT_END_KIND = 'handover.shift-end';
/** Shift-end timers are about the desk, not a ticket: their subject names the shift end. */
export const shiftEndSubject = (at: Date): string => `shift-end-${at.toISOString()}`;
/** Repeats stop after a day at the default rate; by then the rota has moved on twice. */
export const MAX_FLAG_REPEATS = 48;
