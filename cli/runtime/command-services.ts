import type { Database } from '../../adapters/db/index.js';
import type { ObservedTicketRepository } from '../../adapters/events/observed-ticket.repository.js';
import { DrizzleTicketQueries } from '../../adapters/db/ticket-queries.repository.js';
import type { DeskSettings } from '../../core/desk/desk-settings.js';
import type { Channel } from '../../core/inbound/channel.js';
import type { Clock } from '../../core/ports/clock.port.js';
import type { JobScheduler } from '../../core/ports/job-scheduler.port.js';
import type { PersonRepository } from '../../core/ports/person.repository.port.js';
import {
  RunChatCommandUseCase,
  type FileComplaint,
  type HandOverShift,
} from '../../core/use-cases/chat-command/index.js';
import { StatusPushListener, TicketActionsUseCase } from '../../core/use-cases/ticket-actions/index.js';

export interface CommandServiceDeps {
  database: Database;
  tickets: ObservedTicketRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  clock: Clock;
  desk: DeskSettings;
  enabledChannels: ReadonlySet<Channel>;
  /** 投诉 and 交接 are executed by the follow-ups feature when it is wired in. */
  fileComplaint?: FileComplaint;
  handOverShift?: HandOverShift;
}

/**
 * Ticket actions (chat, API, SLA escalation), the chat-command use case and the status pushes to
 * reporters, which observe every stored ticket change.
 */
export function buildCommandServices(deps: CommandServiceDeps) {
  const { tickets, people, clock, desk } = deps;
  const ticketActions = new TicketActionsUseCase({ tickets, people, clock, desk });
  const ticketQueries = new DrizzleTicketQueries(deps.database.db);
  tickets.observe(
    new StatusPushListener({ jobs: deps.jobs, people, desk, enabledChannels: deps.enabledChannels }),
  );
  const chatCommand = new RunChatCommandUseCase({
    tickets,
    people,
    queries: ticketQueries,
    actions: ticketActions,
    clock,
    desk,
    ...(desk.commands ? { settings: desk.commands } : {}),
    ...(deps.fileComplaint ? { fileComplaint: deps.fileComplaint } : {}),
    ...(deps.handOverShift ? { handOverShift: deps.handOverShift } : {}),
  });
  return { ticketActions, ticketQueries, chatCommand };
}
