import { QueueEvents, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { InboundMessage } from '../../core/inbound/inbound-message.js';
import type { IntakeGateway, IntakeReceipt } from '../../core/ports/intake-gateway.port.js';
import type { BullmqJobScheduler, QueueSettings } from './bullmq-job-scheduler.js';
import { QUEUES } from './queue-names.js';
import { intakeJobId } from './queue-payloads.js';
import { createRedisConnection } from './redis-connection.js';

interface IntakeJobResult {
  ticketId: string;
  ticketNumber: string;
  created: boolean;
}

const isTimeout = (e: unknown): boolean => e instanceof Error && /timed out before finishing/.test(e.message);

/**
 * Puts a message on the intake queue under an id derived from (channel, externalId) and, when
 * asked, waits for the intake worker's answer. A wait that runs out is not an error: the job
 * is safely queued and will be processed; the caller is told so.
 */
export class BullmqIntakeGateway implements IntakeGateway {
  private readonly queue: Queue;
  private events: QueueEvents | null = null;
  private eventsConnection: Redis | null = null;

  private readonly settings: QueueSettings;

  constructor(scheduler: BullmqJobScheduler) {
    this.queue = scheduler.queue(QUEUES.intake);
    this.settings = scheduler.settings;
  }

  async submit(message: InboundMessage, options: { waitMs?: number } = {}): Promise<IntakeReceipt> {
    const jobId = intakeJobId(message.channel, message.externalId);
    const job = await this.queue.add('intake', message, { jobId });
    const waitMs = options.waitMs ?? 0;
    if (waitMs <= 0) {
      await this.reviveIfFailed(jobId);
      return { status: 'queued', jobId };
    }
    try {
      const result = (await job.waitUntilFinished(await this.queueEvents(), waitMs)) as IntakeJobResult;
      return { status: 'processed', ...result };
    } catch (e) {
      if (!isTimeout(e)) {
        // The same message again after its job gave up: start it again instead of repeating the failure.
        if (await this.reviveIfFailed(jobId)) return { status: 'queued', jobId };
        throw e;
      }
      // A completion event can slip past a listener that subscribed late; the job itself knows.
      const settled = await this.queue.getJob(jobId);
      if (settled?.finishedOn && !settled.failedReason)
        return { status: 'processed', ...(settled.returnvalue as IntakeJobResult) };
      return { status: 'queued', jobId };
    }
  }

  /** One round trip in the usual case (the job is not failed); the job itself is read only to retry it. */
  private async reviveIfFailed(jobId: string): Promise<boolean> {
    if ((await this.queue.getJobState(jobId)) !== 'failed') return false;
    const existing = await this.queue.getJob(jobId);
    if (!existing) return false;
    await existing.retry('failed');
    return true;
  }

  /** Subscribes to completion events ahead of the first submit, so the first answer is not missed. */
  async start(): Promise<void> {
    await this.queueEvents();
  }

  private async queueEvents(): Promise<QueueEvents> {
    if (!this.events) {
      this.eventsConnection = createRedisConnection(this.settings.redisUrl, 'worker', this.settings.logger);
      this.events = new QueueEvents(QUEUES.intake, {
        connection: this.eventsConnection,
        prefix: this.settings.prefix,
      });
      this.events.on('error', (e) => this.settings.logger?.warn({ err: e.message }, 'intake events error'));
      await this.events.waitUntilReady();
    }
    return this.events;
  }

  async close(): Promise<void> {
    await this.events?.close();
    await this.eventsConnection?.quit();
  }
}
