import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Channel } from '../../core/inbound/channel.js';
import type { JobScheduler, PipelineJob } from '../../core/ports/job-scheduler.port.js';
import { DEFAULT_JOB_OPTIONS } from './job-options.js';
import { notifyQueue, QUEUES } from './queue-names.js';
import { safeJobId } from './queue-payloads.js';
import { createRedisConnection } from './redis-connection.js';

export interface QueueSettings {
  redisUrl: string;
  /** Redis key prefix: lets several installations (or test runs) share one Redis. */
  prefix: string;
}

/** Producer side of the pipeline: one BullMQ queue per stage, created on first use. */
export class BullmqJobScheduler implements JobScheduler {
  private readonly queues = new Map<string, Queue>();
  private readonly connection: Redis;

  constructor(readonly settings: QueueSettings) {
    this.connection = createRedisConnection(settings.redisUrl, 'producer');
  }

  queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: this.connection,
        prefix: this.settings.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue(job: PipelineJob): Promise<void> {
    switch (job.kind) {
      case 'classify':
        await this.queue(QUEUES.classify).add(
          'classify',
          { ticketId: job.ticketId },
          { jobId: `classify-${job.ticketId}` },
        );
        return;
      case 'dispatch':
        await this.queue(QUEUES.dispatch).add(
          'dispatch',
          { ticketId: job.ticketId },
          { jobId: `dispatch-${job.ticketId}` },
        );
        return;
      case 'notify': {
        const n = job.notification;
        await this.queue(notifyQueue(n.channel as Channel)).add(n.purpose, n, {
          jobId: safeJobId('notify', n.id),
        });
        return;
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    await this.connection.quit();
  }
}
