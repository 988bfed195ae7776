import { Worker, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { backoffStrategy } from '../adapters/queue/job-options.js';
import { notifyQueue, QUEUES } from '../adapters/queue/queue-names.js';
import { createRedisConnection } from '../adapters/queue/redis-connection.js';
import type { ClassifyTicketUseCase } from '../core/use-cases/classify-ticket/classify-ticket.use-case.js';
import type { DispatchTicketUseCase } from '../core/use-cases/dispatch-ticket/dispatch-ticket.use-case.js';
import type { IngestMessageUseCase } from '../core/use-cases/ingest-message/ingest-message.use-case.js';
import type { RecordDeliveryUseCase } from '../core/use-cases/record-delivery/record-delivery.use-case.js';
import { classifyProcessor } from './classify.worker.js';
import { dispatchProcessor } from './dispatch.worker.js';
import { intakeProcessor } from './intake.worker.js';
import { chatBurstProcessor } from './chat-burst.worker.js';
import type { ChatMessageUseCase, CloseBurstUseCase } from '../core/use-cases/chat-message/index.js';
import { notifyWebProcessor } from './notify-web.worker.js';
import { notifyEmailProcessor } from './notify-email.worker.js';
import type { EmailNotifier } from '../adapters/email/email-notifier.js';

export interface WorkerPoolOptions {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  logger: Logger;
  useCases: {
    ingest: IngestMessageUseCase;
    classify: ClassifyTicketUseCase;
    dispatch: DispatchTicketUseCase;
    recordDelivery: RecordDeliveryUseCase;
    /** Chat lines (wechat, telegram) and the end of their burst windows. */
    chatMessage?: ChatMessageUseCase;
    closeBurst?: CloseBurstUseCase;
  };
  /** How soon a job held by a dead worker is handed to another (BullMQ default 30 s). */
  stalledIntervalMs?: number;
  /** Consumes notify-email; given only when the email channel is configured. */
  emailNotifier?: EmailNotifier;
}

export interface WorkerPool {
  workers: Worker[];
  /** Stops taking jobs, lets running ones finish, then disconnects. */
  close(): Promise<void>;
}

/** The pipeline's consumers; any number of these processes may run against one Redis. */
export function startWorkers(options: WorkerPoolOptions): WorkerPool {
  const { useCases, logger } = options;
  const connections: Redis[] = [];
  const make = (name: string, processor: Processor): Worker => {
    const connection = createRedisConnection(options.redisUrl, 'worker', logger);
    connections.push(connection);
    const worker = new Worker(name, processor, {
      connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      settings: { backoffStrategy },
      ...(options.stalledIntervalMs
        ? { stalledInterval: options.stalledIntervalMs, lockDuration: options.stalledIntervalMs }
        : {}),
    });
    worker.on('failed', (job, error) =>
      logger.warn(
        { queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: error.message },
        job && job.attemptsMade < (job.opts.attempts ?? 1) && error.name !== 'UnrecoverableError'
          ? 'job failed, will retry'
          : 'job failed permanently',
      ),
    );
    worker.on('error', (error) => logger.error({ queue: name, err: error.message }, 'worker error'));
    return worker;
  };

  const workers = [
    make(QUEUES.intake, intakeProcessor(useCases.ingest, useCases.chatMessage)),
    make(QUEUES.classify, classifyProcessor(useCases.classify)),
    make(QUEUES.dispatch, dispatchProcessor(useCases.dispatch)),
    make(notifyQueue('web'), notifyWebProcessor(useCases.recordDelivery)),
    ...(options.emailNotifier
      ? [make(notifyQueue('email'), notifyEmailProcessor(options.emailNotifier))]
      : []),
    ...(useCases.closeBurst ? [make(QUEUES.chatBurst, chatBurstProcessor(useCases.closeBurst))] : []),
  ];
  logger.info({ queues: workers.map((w) => w.name), concurrency: options.concurrency }, 'workers started');

  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(connections.map((c) => c.quit().catch(() => undefined)));
    },
  };
}
