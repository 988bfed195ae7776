import { DrizzleCallRepository } from '../../adapters/db/call.repository.js';
import type { Database } from '../../adapters/db/index.js';
import type { ObservedTicketRepository } from '../../adapters/events/observed-ticket.repository.js';
import { DrizzleTicketQueries } from '../../adapters/db/ticket-queries.repository.js';
import type { DeskSettings } from '../../core/desk/desk-settings.js';
import type { Channel } from '../../core/inbound/channel.js';
import { LinkCallUseCase } from '../../core/phone/index.js';
import type { Clock } from '../../core/ports/clock.port.js';
import type { JobScheduler } from '../../core/ports/job-scheduler.port.js';
import type { PersonRepository } from '../../core/ports/person.repository.port.js';
import { RunChatCommandUseCase } from '../../core/use-cases/chat-command/index.js';
import { StatusPushListener, TicketActionsUseCase } from '../../core/use-cases/ticket-actions/index.js';
import {
  complaintCommand,
  handoverCommand,
  type ComplaintSubmitter,
  type ShiftHandover,
} from './command-followups.js';

export interface CommandServiceDeps {
  database: Database;
  tickets: ObservedTicketRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  clock: Clock;
  desk: DeskSettings;
  enabledChannels: ReadonlySet<Channel>;
  /** 投诉 and 交接 are executed by the follow-ups feature; absent = the commands say "not available". */
  followups?: { submitComplaint: ComplaintSubmitter; handOverShift: ShiftHandover };
}

/**
 * Status pushes to reporters (派单/转派, 接单, 到达, 完成). Register before the follow-ups' listener, so
 * the reporter reads 已处理完成 before the rating question.
 */
export function observeStatusPushes(
  deps: Pick<CommandServiceDeps, 'tickets' | 'jobs' | 'people' | 'desk' | 'enabledChannels'>,
): void {
  const { jobs, people, desk, enabledChannels } = deps;
  deps.tickets.observe(new StatusPushListener({ jobs, people, desk, enabledChannels }));
}

/** Ticket actions (chat, API, SLA escalation) and the chat-command use case (关联 links calls from the PBX's log). */
export function buildCommandServices(deps: CommandServiceDeps) {
  const { tickets, people, clock, desk } = deps;
  const ticketActions = new TicketActionsUseCase({ tickets, people, clock, desk });
  const ticketQueries = new DrizzleTicketQueries(deps.database.db);
  const chatCommand = new RunChatCommandUseCase({
    tickets,
    people,
    queries: ticketQueries,
    actions: ticketActions,
    clock,
    desk,
    linkCall: new LinkCallUseCase({ calls: new DrizzleCallRepository(deps.database.db), tickets, clock }),
    ...(desk.commands ? { settings: desk.commands } : {}),
    ...(deps.followups
      ? {
          fileComplaint: complaintCommand(deps.followups.submitComplaint),
          handOverShift: handoverCommand(deps.followups.handOverShift),
        }
      : {}),
  });
  return { ticketActions, ticketQueries, chatCommand };
}
