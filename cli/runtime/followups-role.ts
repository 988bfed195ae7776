import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DrizzleComplaintRepository } from '../../adapters/db/complaint.repository.js';
import type { Database } from '../../adapters/db/index.js';
import { DrizzleFollowupQueries } from '../../adapters/db/followup-queries.js';
import { DrizzleHandoverRepository } from '../../adapters/db/handover.repository.js';
import type { ObservedTicketRepository } from '../../adapters/events/observed-ticket.repository.js';
import { DEFAULT_COMPLAINT_REMINDER_HOURS } from '../../core/complaints/complaint-reminder.js';
import type { DeskSettings } from '../../core/desk/desk-settings.js';
import { DEFAULT_HANDOVER } from '../../core/handover/handover-settings.js';
import type { Channel } from '../../core/inbound/channel.js';
import type { Clock } from '../../core/ports/clock.port.js';
import type { JobScheduler } from '../../core/ports/job-scheduler.port.js';
import type { PersonRepository } from '../../core/ports/person.repository.port.js';
import type { TimerScheduler } from '../../core/ports/timer-scheduler.port.js';
import type { TimerRegistry } from '../../core/timers/timer-registry.js';
import {
  ComplaintReminders,
  SubmitComplaintUseCase,
  TakeComplaintStepUseCase,
  type ComplaintDeps,
} from '../../core/use-cases/complaints/index.js';
import {
  HandOverShiftUseCase,
  ShiftEndWatch,
  type HandoverDeps,
} from '../../core/use-cases/handover/index.js';
import { DEFAULT_SATISFACTION, SatisfactionFollowUp } from '../../core/use-cases/satisfaction/index.js';
import { TicketActionsUseCase } from '../../core/use-cases/ticket-actions/index.js';

export interface FollowupServiceDeps {
  database: Database;
  tickets: ObservedTicketRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  timers: { scheduler: TimerScheduler; registry: TimerRegistry };
  clock: Clock;
  desk: DeskSettings;
  enabledChannels: ReadonlySet<Channel>;
  publicUrl: string | null;
  logger: Logger;
}

export type FollowupServices = ReturnType<typeof buildFollowupServices>;

/**
 * Satisfaction follow-up, complaints and shift handover (issue 6): registers the satisfaction
 * listener on ticket changes and the `followup`, `complaint` and `handover` timer families, and
 * hands the use cases to the API and the chat commands.
 */
export function buildFollowupServices(deps: FollowupServiceDeps) {
  const { tickets, people, jobs, clock, desk, enabledChannels } = deps;
  const timers = deps.timers.scheduler;
  const complaints = new DrizzleComplaintRepository(deps.database.db);
  const handovers = new DrizzleHandoverRepository(deps.database.db);
  const queries = new DrizzleFollowupQueries(deps.database.db);

  const satisfaction = new SatisfactionFollowUp({
    tickets,
    people,
    jobs,
    timers,
    clock,
    settings: desk.satisfaction ?? DEFAULT_SATISFACTION,
    enabledChannels,
    publicUrl: deps.publicUrl,
    logger: deps.logger,
  });
  const complaintDeps: ComplaintDeps = {
    complaints,
    tickets,
    people,
    jobs,
    timers,
    clock,
    desk,
    reminderHours: desk.complaints?.reminderHours ?? DEFAULT_COMPLAINT_REMINDER_HOURS,
    enabledChannels,
    newId: randomUUID,
  };
  const handoverDeps: HandoverDeps = {
    tickets,
    people,
    handovers,
    jobs,
    timers,
    clock,
    desk,
    enabledChannels,
    newId: randomUUID,
    flagRepeatMinutes: (desk.handover ?? DEFAULT_HANDOVER).flagRepeatMinutes,
  };
  const shiftEnds = new ShiftEndWatch(handoverDeps);

  tickets.observe(satisfaction);
  deps.timers.registry.register(satisfaction);
  deps.timers.registry.register(new ComplaintReminders(complaintDeps));
  deps.timers.registry.register(shiftEnds);

  return {
    complaints,
    handovers,
    queries,
    satisfaction,
    shiftEnds,
    /** The commands helper's action use case carries the rating (用户评价) for every channel. */
    actions: new TicketActionsUseCase({ tickets, people, clock, desk }),
    submitComplaint: new SubmitComplaintUseCase(complaintDeps),
    takeComplaintStep: new TakeComplaintStepUseCase(complaintDeps),
    handOverShift: new HandOverShiftUseCase(handoverDeps),
    /** Workers role, at start: timers for resolved tickets that missed theirs, and the next shift end. */
    async start(): Promise<{ resolvedChecked: number; nextShiftEnd: Date | null }> {
      const { checked } = await satisfaction.reconcile();
      const nextShiftEnd = await shiftEnds.start();
      return { resolvedChecked: checked, nextShiftEnd };
    },
  };
}
