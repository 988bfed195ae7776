import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { backoffStrategy } from '../../adapters/queue/job-options.js';
import { notifyQueue } from '../../adapters/queue/queue-names.js';
import { notificationSchema } from '../../adapters/queue/queue-payloads.js';
import { createRedisConnection } from '../../adapters/queue/redis-connection.js';
import type { Channel } from '../../core/inbound/channel.js';
import type { Notification } from '../../core/ports/job-scheduler.port.js';
import type { RecordDeliveryUseCase } from '../../core/use-cases/record-delivery/record-delivery.use-case.js';
import { parsePayload, unwrap } from '../../workers/use-case-outcome.js';
import { InOrderWorker } from './in-order-worker.js';
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
  /** Jobs held at once, most of them only waiting on their room's bucket; default NOTIFIER_CONCURRENCY. */
  concurrency?: number;
}

/**
 * How many notify jobs the consumer holds at once. A job waiting for its room's turn holds only a
 * promise (BullMQ renews all held jobs' locks in one call), so the cap is set far above any backlog a
 * few over-rate rooms build up: a quiet room's job is fetched at once instead of queueing behind
 * them. With 8 (the old value) a few busy rooms, or an engineer's private chat getting dozens of
 * dispatch prompts, filled every slot and the chat bench measured acknowledgements to quiet rooms
 * waiting tens of seconds. The cap still bounds what one process pulls from Redis after an outage
 * left thousands queued. A graceful close waits for the held jobs (the shutdown's step timeout
 * bounds that); whatever is still held when the process exits is run again as a stalled job.
 */
export const NOTIFIER_CONCURRENCY = 1000;

/**
 * The bot process's consumer of `notify-<channel>`: paces each room, sends, then records the
 * delivery on the ticket. A send that throws is retried by BullMQ with backoff.
 *
 * Why a busy room never delays another: jobs start in queue order (InOrderWorker) and each one joins
 * its room's line in the limiter at once (nothing is awaited before), so the waiting happens per
 * room, in process, while the worker keeps fetching (NOTIFIER_CONCURRENCY). The job stays active in
 * BullMQ until it is sent, so a crash loses nothing: the stalled job is run again. Sends to one room
 * go one after another in that order (the next waits for the previous send to return), so they keep
 * their order on the platform too; only a send that fails and is retried later can land after
 * messages queued behind it. Acknowledging jobs early into per-room in-process queues would lose
 * messages on a crash; moving a paced job back to `delayed` would free its slot but lose the order.
 */
export function startChatNotifier(o: ChatNotifierOptions): { close(): Promise<void> } {
  const limiter = new RoomRateLimiter(o.perSecond ?? 2, o.burst ?? 5);
  const connection = createRedisConnection(o.redisUrl, 'worker', o.logger);
  const worker = new InOrderWorker(
    notifyQueue(o.channel),
    async (job: Job) => {
      const n = parsePayload(notificationSchema, job.data) as Notification;
      const room = n.to.conversationId ?? `dm:${n.to.address ?? n.to.name}`;
      const { messageId } = await limiter.run(room, () => o.send(n));
      return unwrap(await o.recordDelivery.execute(n, messageId ? { providerId: messageId } : {}));
    },
    {
      connection,
      prefix: o.prefix,
      concurrency: o.concurrency ?? NOTIFIER_CONCURRENCY,
      settings: { backoffStrategy },
    },
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
