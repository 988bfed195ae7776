import { Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { backoffStrategy } from '../../adapters/queue/job-options.js';
import { notifyQueue } from '../../adapters/queue/queue-names.js';
import { notificationSchema } from '../../adapters/queue/queue-payloads.js';
import { createRedisConnection } from '../../adapters/queue/redis-connection.js';
import type { Channel } from '../../core/inbound/channel.js';
import type { Notification } from '../../core/ports/job-scheduler.port.js';
import type { RecordDeliveryUseCase } from '../../core/use-cases/record-delivery/record-delivery.use-case.js';
import { parsePayload, unwrap } from '../../workers/use-case-outcome.js';
import { RoomRateLimiter } from './room-rate-limiter.js';

/** Sends one notification on the platform; returns the platform's id of the sent message, if it gives one. */
export type ChatSend = (n: Notification) => Promise<{ messageId: string | null }>;

export interface ChatNotifierOptions {
  channel: Extract<Channel, 'wechat' | 'telegram'>;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  send: ChatSend;
  recordDelivery: RecordDeliveryUseCase;
  /** Per room (or private chat): sustained messages per second and the burst allowed. */
  perSecond?: number;
  burst?: number;
  concurrency?: number;
}

/**
 * The bot process's consumer of `notify-<channel>`: paces each room, sends, then records the
 * delivery on the ticket. A send that throws is retried by BullMQ with backoff.
 */
export function startChatNotifier(o: ChatNotifierOptions): { close(): Promise<void> } {
  const limiter = new RoomRateLimiter(o.perSecond ?? 2, o.burst ?? 5);
  const connection = createRedisConnection(o.redisUrl, 'worker', o.logger);
  const worker = new Worker(
    notifyQueue(o.channel),
    async (job: Job) => {
      const n = parsePayload(notificationSchema, job.data) as Notification;
      await limiter.take(n.to.conversationId ?? `dm:${n.to.address ?? n.to.name}`);
      const { messageId } = await o.send(n);
      return unwrap(await o.recordDelivery.execute(n, messageId ? { providerId: messageId } : {}));
    },
    { connection, prefix: o.prefix, concurrency: o.concurrency ?? 8, settings: { backoffStrategy } },
  );
  worker.on('failed', (job, e) =>
    o.logger.warn({ queue: worker.name, jobId: job?.id, err: e.message }, 'chat notification failed'),
  );
  worker.on('error', (e) => o.logger.error({ queue: worker.name, err: e.message }, 'chat notifier error'));
  return {
    async close() {
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
