import { Queue } from 'bullmq';
import type { Logger } from '../../core/ports/logger.port.js';
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
  logger?: Logger;
}

/** Producer side of the pipeline: one BullMQ queue per stage, created on first use. */
export class BullmqJobScheduler implements JobScheduler {
  private readonly queues = new Map<string, Queue>();
  private readonly connection: Redis;

  constructor(readonly settings: QueueSettings) {
    this.connection = createRedisConnection(settings.redisUrl, 'producer', settings.logger);
  }

  queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: this.connection,
        prefix: this.settings.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      // An 'error' event nobody listens to would crash the process; a lost connection is retried.
      q.on('error', (e) => this.settings.logger?.warn({ queue: name, err: e.message }, 'queue error'));
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue(job: PipelineJob): Promise<void> {
    const { queue, name, data, jobId } = this.describe(job);
    await this.queue(queue).add(name, data, { jobId });
  }

  /**
   * Like enqueue, but a job with that id that gave up (failed for good) is started again: BullMQ
   * ignores an add whose id it still holds, so without this the work would stay undone for a week.
   */
  async requeue(job: PipelineJob): Promise<'added' | 'retried' | 'pending'> {
    const { queue, name, data, jobId } = this.describe(job);
    const existing = await this.queue(queue).getJob(jobId);
    if (!existing) {
      await this.queue(queue).add(name, data, { jobId });
      return 'added';
    }
    if (!(await existing.isFailed())) return 'pending';
    try {
      await existing.retry('failed');
      return 'retried';
    } catch {
      // Another process revived it first.
      return 'pending';
    }
  }

  private describe(job: PipelineJob): { queue: string; name: string; data: object; jobId: string } {
    switch (job.kind) {
      case 'classify':
        return {
          queue: QUEUES.classify,
          name: 'classify',
          data: { ticketId: job.ticketId },
          jobId: `classify-${job.ticketId}`,
        };
      case 'dispatch':
        return {
          queue: QUEUES.dispatch,
          name: 'dispatch',
          data: { ticketId: job.ticketId },
          jobId: `dispatch-${job.ticketId}`,
        };
      case 'notify': {
        const n = job.notification;
        return {
          queue: notifyQueue(n.channel as Channel),
          name: n.purpose,
          data: n,
          jobId: safeJobId('notify', n.id),
        };
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    await this.connection.quit();
  }
}
