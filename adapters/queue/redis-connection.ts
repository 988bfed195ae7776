import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../../core/ports/logger.port.js';

/**
 * One ioredis client per role. Workers need `maxRetriesPerRequest: null` (blocking commands must
 * wait through reconnects instead of failing); producers fail fast so the web form can say so.
 */
export function createRedisConnection(url: string, purpose: 'worker' | 'producer', logger?: Logger): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: purpose === 'worker' ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
    connectionName: `deskbot-${purpose}`,
  };
  const client = new Redis(url, options);
  // Without a listener ioredis prints connection errors to the console itself; they belong in the log.
  // It keeps reconnecting on its own, so one warning per distinct error is enough.
  let last = '';
  client.on('error', (e: Error) => {
    if (e.message === last) return;
    last = e.message;
    logger?.warn({ purpose, err: e.message }, 'redis connection error (reconnecting)');
  });
  client.on('ready', () => (last = ''));
  return client;
}
