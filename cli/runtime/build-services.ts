import type { Logger } from 'pino';
import { CachedPersonRepository } from '../../adapters/cache/cached-person.repository.js';
import { createJiebaTokenizer } from '../../adapters/classify/jieba-tokenizer.js';
import { createMixedTokenizer, TriageModelHolder } from '../../adapters/classify/index.js';
import { DrizzleTriageModelRepository } from '../../adapters/db/triage-model.repository.js';
import { DrizzlePersonRepository, DrizzleTicketRepository, type Database } from '../../adapters/db/index.js';
import { ObservedTicketRepository } from '../../adapters/events/observed-ticket.repository.js';
import { BullmqIntakeGateway } from '../../adapters/queue/bullmq-intake-gateway.js';
import { BullmqJobScheduler } from '../../adapters/queue/bullmq-job-scheduler.js';
import { InlinePipelineScheduler } from '../../adapters/queue/inline-pipeline-scheduler.js';
import type { DeskSettings } from '../../core/desk/desk-settings.js';
import type { Channel } from '../../core/inbound/channel.js';
import type { Clock } from '../../core/ports/clock.port.js';
import { buildTimerServices } from './timers-role.js';
import { wireSla } from './sla-role.js';
import { ClassifyTicketUseCase } from '../../core/use-cases/classify-ticket/classify-ticket.use-case.js';
import { DispatchTicketUseCase } from '../../core/use-cases/dispatch-ticket/dispatch-ticket.use-case.js';
import { ReclassifyTicketUseCase } from '../../core/use-cases/reclassify-ticket/reclassify-ticket.use-case.js';
import { IngestMessageUseCase } from '../../core/use-cases/ingest-message/ingest-message.use-case.js';
import { ResumePipelineUseCase } from '../../core/use-cases/resume-pipeline/resume-pipeline.use-case.js';
import { RecordDeliveryUseCase } from '../../core/use-cases/record-delivery/record-delivery.use-case.js';
import { buildChatUseCases } from './chat-services.js';
import { buildCommandServices, observeStatusPushes } from './command-services.js';
import { buildFollowupServices } from './followups-role.js';

export interface ServiceSettings {
  database: Database;
  desk: DeskSettings;
  redisUrl: string;
  queuePrefix: string;
  enabledChannels: ReadonlySet<Channel>;
  logger: Logger;
  clock?: Clock;
  /** false: every pipeline step goes through its queue (tests of the queued path). Default true. */
  inlinePipeline?: boolean;
  /** PUBLIC_URL: the base of rating links in satisfaction mails. */
  publicUrl?: string | null;
}

export type Services = ReturnType<typeof buildServices>;

export const systemClock: Clock = { now: () => new Date() };

/** Wires adapters into the core use cases. Every process role draws what it needs from here. */
export function buildServices(settings: ServiceSettings) {
  const { database, desk } = settings;
  const clock = settings.clock ?? systemClock;
  // Features that react to ticket changes register with `tickets.observe(listener)`.
  const tickets = new ObservedTicketRepository(new DrizzleTicketRepository(database.db), settings.logger);
  const people = new CachedPersonRepository(new DrizzlePersonRepository(database.db));
  const scheduler = new BullmqJobScheduler({
    redisUrl: settings.redisUrl,
    prefix: settings.queuePrefix,
    logger: settings.logger,
  });
  const intake = new BullmqIntakeGateway(scheduler);
  const tokenizer = createJiebaTokenizer(desk.categories.flatMap((c) => [c.name, ...c.keywords]));
  // Learning triage: the newest stored model, hot-swapped by polling (issue 5).
  const triageModels = new DrizzleTriageModelRepository(database.db);
  const triage = new TriageModelHolder(triageModels, desk.categories, settings.logger);
  triage.start(desk.triage?.modelPollSeconds ?? 30);
  const triageTokenizer = createMixedTokenizer(desk.categories.flatMap((c) => [c.name, ...c.keywords]));
  // Worker processes run classify → dispatch → web acknowledgement in the job that produced them.
  const jobs = new InlinePipelineScheduler(scheduler, settings.logger);
  // Durable timers (SLA, follow-ups): features register handlers in `timers.registry`.
  const timers = buildTimerServices({ db: database.db, jobs: scheduler, clock });
  const { enabledChannels, logger } = settings;
  const sla = wireSla({
    db: database.db,
    tickets,
    people,
    jobs: scheduler,
    timers,
    desk,
    clock,
    enabledChannels,
    logger,
  });
  // Status pushes observe before the follow-ups do: 已处理完成 reaches the reporter before the rating question.
  observeStatusPushes({ tickets, jobs, people, desk, enabledChannels });
  const followups = buildFollowupServices({
    ...settings,
    database,
    tickets,
    people,
    jobs,
    timers,
    clock,
    desk,
    publicUrl: settings.publicUrl ?? null,
  });
  // Chat commands and ticket actions (chat, API, SLA escalation); 投诉/交接 run the follow-ups' use cases.
  const commands = buildCommandServices({
    ...{ database, tickets, people, jobs, clock, desk },
    enabledChannels,
    followups,
  });
  const services = {
    clock,
    tickets,
    people,
    scheduler,
    intake,
    timers,
    commands,
    sla,
    /** Learning triage: the model holder, its repository and tokenizer (cli/runtime/triage-role.ts). */
    triage: {
      ...{ holder: triage, models: triageModels, tokenizer: triageTokenizer },
      reclassify: new ReclassifyTicketUseCase({ tickets, models: triageModels, jobs: scheduler, clock }),
    },
    followups,
    useCases: {
      ingest: new IngestMessageUseCase({ tickets, people, jobs, clock, desk }),
      classify: new ClassifyTicketUseCase({
        ...{ tickets, people, jobs, clock, desk, triage, tokenizer: triageTokenizer },
        enabledChannels: settings.enabledChannels,
      }),
      dispatch: new DispatchTicketUseCase({
        tickets,
        people,
        jobs,
        clock,
        desk,
        enabledChannels: settings.enabledChannels,
      }),
      recordDelivery: new RecordDeliveryUseCase({ tickets, clock }),
      resumePipeline: new ResumePipelineUseCase({ tickets, jobs }),
      ticketActions: commands.ticketActions,
      chatCommand: commands.chatCommand,
      ...buildChatUseCases({
        database,
        tickets,
        people,
        scheduler,
        clock,
        desk,
        tokenizer,
        ingest: new IngestMessageUseCase({ tickets, people, jobs, clock, desk }),
        runCommand: commands.chatCommand,
      }),
    },
    async close() {
      triage.stop();
      await intake.close();
      await scheduler.close();
    },
  };
  if (settings.inlinePipeline !== false)
    jobs.attach({
      classify: (ticketId) => services.useCases.classify.execute(ticketId),
      dispatch: (ticketId) => services.useCases.dispatch.execute(ticketId),
      deliverWeb: (job) => services.useCases.recordDelivery.execute(job.notification),
    });
  return services;
}
