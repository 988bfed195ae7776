import { join } from 'node:path';
import type { Logger } from 'pino';
import { startManagedRedis } from '../../adapters/queue/managed-redis.js';

export interface RedisEndpoint {
  url: string;
  managed: boolean;
  stop(): Promise<void>;
}

/** REDIS_URL when given; otherwise deskbot runs its own loopback redis-server with data in DATA_DIR/redis. */
export async function redisEndpoint(
  redisUrl: string | null,
  dataDir: string,
  logger: Logger,
  /** The managed server died under us: nothing can be queued any more. */
  onLost: (how: string) => void = () => undefined,
): Promise<RedisEndpoint> {
  if (redisUrl) return { url: redisUrl, managed: false, stop: async () => undefined };
  const managed = await startManagedRedis({
    dataDir: join(dataDir, 'redis'),
    logger,
    onUnexpectedExit: onLost,
  });
  logger.info({ redisPid: managed.pid }, 'managed redis-server started (loopback, AOF on)');
  return { url: managed.url, managed: true, stop: () => managed.stop() };
}
