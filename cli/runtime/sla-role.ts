import type { Logger } from 'pino';
import type { Db } from '../../adapters/db/database.js';
import { DrizzleSlaBreachRepository } from '../../adapters/db/sla-breach.repository.js';
import type { ObservedTicketRepository } from '../../adapters/events/observed-ticket.repository.js';
import { chineseHolidayBook } from '../../adapters/sla/chinese-holiday-book.js';
import type { DeskSettings } from '../../core/desk/desk-settings.js';
import type { Channel } from '../../core/inbound/channel.js';
import type { Clock } from '../../core/ports/clock.port.js';
import type { JobScheduler } from '../../core/ports/job-scheduler.port.js';
import type { PersonRepository } from '../../core/ports/person.repository.port.js';
import { SlaDesk } from '../../core/sla/sla-desk.js';
import { FireSlaTimerUseCase } from '../../core/use-cases/sla/fire-sla-timer.use-case.js';
import { SyncSlaTimersUseCase } from '../../core/use-cases/sla/sync-sla-timers.use-case.js';
import { TicketActionsUseCase } from '../../core/use-cases/ticket-actions/ticket-actions.use-case.js';
import type { TimerServices } from './timers-role.js';

export type SlaServices = ReturnType<typeof wireSla>;

/**
 * SLA timers: every stored ticket change re-plans the ticket's timers (listener), and the `sla`
 * timer family reminds, records breaches and escalates when due (handler). `sync.syncOpenTickets()`
 * at start-up repairs what a crash between a save and its listener left undone.
 */
export function wireSla(deps: {
  db: Db;
  tickets: ObservedTicketRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  timers: TimerServices;
  desk: DeskSettings;
  clock: Clock;
  enabledChannels: ReadonlySet<Channel>;
  logger: Logger;
}) {
  const { tickets, people, desk, clock, logger } = deps;
  const sla = new SlaDesk(desk, chineseHolidayBook);
  const breaches = new DrizzleSlaBreachRepository(deps.db);
  const sync = new SyncSlaTimersUseCase({ tickets, timers: deps.timers.scheduler, sla, logger });
  tickets.observe(sync);
  const fire = new FireSlaTimerUseCase({
    tickets,
    people,
    jobs: deps.jobs,
    breaches,
    actions: new TicketActionsUseCase({ tickets, people, clock, desk }),
    sla,
    desk,
    enabledChannels: deps.enabledChannels,
    logger,
  });
  deps.timers.registry.register(fire);
  return { desk: sla, breaches, sync, fire };
}
