import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startManagedRedis, type ManagedRedis } from '../../../adapters/queue/managed-redis.js';
import { RecordingHandler, TimerHarness, waitUntil } from './timer-harness.js';

const logger = pino({ level: 'silent' });
let dir: string;
let redis: ManagedRedis;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deskbot-timer-redis-'));
  redis = await startManagedRedis({ dataDir: dir, logger });
  port = Number(new URL(redis.url).port);
});
afterAll(async () => {
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

it('Redis killed (AOF) and workers gone between scheduling and firing: every timer fires exactly once', async () => {
  const handler = new RecordingHandler();
  const h = await TimerHarness.open(handler, { redisUrl: redis.url });
  try {
    await h.startWorker();
    const due = Date.now() + 6_000;
    for (let i = 0; i < 6; i++)
      await h.timers.scheduler.schedule({
        ticketId: 'r1',
        kind: 'test.remind',
        n: i,
        dueAt: new Date(due + i * 200),
        data: {},
      });
    await h.killWorker();
    // The last two are scheduled just before the crash: AOF (fsync every second) may not hold them.
    await delay(1_500);
    await h.timers.scheduler.schedule({
      ticketId: 'r1',
      kind: 'test.late',
      n: 0,
      dueAt: new Date(due),
      data: {},
    });
    process.kill(redis.pid, 'SIGKILL');
    await delay(300);
    redis = await startManagedRedis({ dataDir: dir, logger, port });
    const role = await h.startWorker();
    expect(role.reconciliation.active).toBe(7);
    await waitUntil(() => handler.firings.length >= 7, 20_000);
    await delay(1_500);
    expect(handler.firings.map((f) => f.key).sort()).toEqual([
      'r1/test.late/0',
      ...Array.from({ length: 6 }, (_, i) => `r1/test.remind/${i}`),
    ]);
    const rows = await h.timers.scheduler.list('r1');
    expect(rows.every((r) => r.state === 'fired')).toBe(true);
  } finally {
    await h.close();
  }
});
