import { Redis, type RedisOptions } from 'ioredis';

/**
 * One ioredis client per role. Workers need `maxRetriesPerRequest: null` (blocking commands must
 * wait through reconnects instead of failing); producers fail fast so the web form can say so.
 */
export function createRedisConnection(url: string, purpose: 'worker' | 'producer'): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: purpose === 'worker' ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
    connectionName: `deskbot-${purpose}`,
  };
  return new Redis(url, options);
}
