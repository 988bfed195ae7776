import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { startManagedRedis } from '../../adapters/queue/managed-redis.js';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * A throw-away redis-server on a random loopback port, data in a fresh temp dir removed on stop.
 * Quiet unless TEST_LOG_LEVEL says otherwise: redis's environment warnings (overcommit) are noise here.
 */
export async function startTestRedis(): Promise<TestRedis> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'deskbot-test-redis-'));
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'error' }, pino.destination(2));
  try {
    const redis = await startManagedRedis({ dataDir, logger });
    return {
      url: redis.url,
      stop: async () => {
        await redis.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
