import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../adapters/db/index.js';
import { DrizzleTicketRepository } from '../../adapters/db/index.js';
import { BullmqIntakeGateway } from '../../adapters/queue/bullmq-intake-gateway.js';
import { BullmqJobScheduler } from '../../adapters/queue/bullmq-job-scheduler.js';
import { createTestDatabase } from '../support/postgres-server.js';
import { spawnDeskbot, waitForOutput, type DeskbotProcess } from '../support/deskbot-process.js';
import { inbound } from '../support/inbound.js';
import { testDeskYaml } from '../support/test-desk.js';

const REPORTS = 300;

/**
 * The worker role runs as its own process against a PostgreSQL server and Redis. It is killed with
 * SIGKILL mid-pipeline, restarted, and every report must still end as exactly one ticket.
 */
describe('crash recovery: kill -9 the worker process mid-pipeline', () => {
  let database: Database;
  let scheduler: BullmqJobScheduler;
  let gateway: BullmqIntakeGateway;
  let env: Record<string, string>;
  let dataDir: string;
  const procs: DeskbotProcess[] = [];

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase(inject('postgresUrl'));
    dataDir = await mkdtemp(join(tmpdir(), 'deskbot-crash-'));
    // A desk on duty around the clock: every report must end dispatched, whatever the hour.
    const deskConfig = join(dataDir, 'desk.yaml');
    await writeFile(deskConfig, testDeskYaml());
    const prefix = `crash${Date.now()}`;
    env = {
      ROLES: 'workers',
      DATABASE_URL: databaseUrl,
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: prefix,
      DATA_DIR: dataDir,
      WORKER_CONCURRENCY: '8',
      WORKER_STALLED_MS: '1000',
      DESK_CONFIG: deskConfig,
    };
    database = await openDatabase({ databaseUrl, dataDir, logger: pino({ level: 'silent' }) });
    await database.migrate();
    scheduler = new BullmqJobScheduler({ redisUrl: inject('redisUrl'), prefix });
    gateway = new BullmqIntakeGateway(scheduler);
  });

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await gateway?.close();
    await scheduler?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses and duplicates nothing', async () => {
    const tickets = new DrizzleTicketRepository(database.db);
    const messages = Array.from({ length: REPORTS }, (_, i) =>
      inbound({ externalId: `crash-${i}`, text: `打印机卡纸 第${i}台`, fields: { location: '行政楼' } }),
    );
    for (const m of messages) await gateway.submit(m);

    const first = spawnDeskbot(env);
    procs.push(first);
    await waitForOutput(first, /workers started/);
    // Let it get part of the way, then pull the plug.
    await expect
      .poll(async () => (await tickets.list({ limit: 1, offset: 0 })).total, {
        timeout: 30_000,
        interval: 20,
      })
      .toBeGreaterThan(20);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const atCrash = (await tickets.list({ limit: 1, offset: 0 })).total;
    expect(atCrash).toBeLessThan(REPORTS);

    // Redelivery on top of the crash: a few messages arrive again.
    for (const m of messages.slice(0, 25)) await gateway.submit(m);

    const second = spawnDeskbot(env);
    procs.push(second);
    await waitForOutput(second, /workers started/);
    await expect
      .poll(async () => (await tickets.list({ limit: 1, offset: 0, status: ['dispatched'] })).total, {
        timeout: 60_000,
        interval: 200,
      })
      .toBe(REPORTS);

    const all = (await tickets.list({ limit: 1000, offset: 0 })).tickets;
    expect(all).toHaveLength(REPORTS);
    expect(new Set(all.map((t) => t.number)).size).toBe(REPORTS);
    expect(new Set(all.map((t) => t.description)).size).toBe(REPORTS);
    // Every ticket dispatched exactly once despite the crash: none lost, none dispatched twice.
    expect(
      all.filter((t) => t.status !== 'dispatched' || t.dispatchCount !== 1).map((t) => t.number),
    ).toEqual([]);
    // Each reporter got exactly one acknowledgement.
    await expect
      .poll(
        async () => {
          const outgoing = await Promise.all(
            all.map(async (t) => (await tickets.messages(t.id)).filter((m) => m.direction === 'out').length),
          );
          return outgoing.flatMap((n, i) => (n === 1 ? [] : [`${all[i]!.number}: ${n}`]));
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual([]);
    // Nothing was given up on.
    for (const name of ['intake', 'classify', 'dispatch', 'notify-web'])
      expect(await scheduler.queue(name).getJobCountByTypes('failed'), name).toBe(0);

    // A graceful stop finishes what it holds and exits 0.
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 150_000);
});
