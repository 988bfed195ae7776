import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { openDatabase, type Database } from '../../../adapters/db/index.js';
import { BullmqJobScheduler } from '../../../adapters/queue/bullmq-job-scheduler.js';
import type { StoredTimer, TimerHandler } from '../../../core/ports/timer-scheduler.port.js';
import {
  buildTimerServices,
  startTimerRole,
  type TimerRole,
  type TimerServices,
} from '../../../cli/runtime/timers-role.js';

export interface Firing {
  key: string;
  dueAt: number;
  firedAt: number;
}

/** Records every firing with the wall-clock time it happened. */
export class RecordingHandler implements TimerHandler {
  readonly firings: Firing[] = [];
  constructor(readonly family = 'test') {}
  async fire(timer: StoredTimer): Promise<void> {
    this.firings.push({
      key: `${timer.ticketId}/${timer.kind}/${timer.n}`,
      dueAt: timer.dueAt.getTime(),
      firedAt: Date.now(),
    });
  }
  count(key: string): number {
    return this.firings.filter((f) => f.key === key).length;
  }
}

/**
 * Timer services on a fresh key prefix and an in-memory PGlite, or a fresh database on the test
 * PostgreSQL server when `databaseUrl` is given; the worker role starts on demand.
 */
export class TimerHarness {
  role: TimerRole | null = null;
  readonly logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

  private constructor(
    readonly database: Database,
    readonly jobs: BullmqJobScheduler,
    readonly timers: TimerServices,
    readonly redisUrl: string,
    readonly prefix: string,
    private readonly dataDir: string,
  ) {}

  static async open(
    handler: TimerHandler,
    options: { redisUrl?: string; databaseUrl?: string; horizonMs?: number; sweepMs?: number } = {},
  ): Promise<TimerHarness> {
    const redisUrl = options.redisUrl ?? inject('redisUrl');
    const dataDir = await mkdtemp(join(tmpdir(), 'deskbot-timers-'));
    const database = options.databaseUrl
      ? await openDatabase({ dataDir, databaseUrl: options.databaseUrl })
      : await openDatabase({ dataDir, inMemory: true });
    await database.migrate();
    const prefix = `tm-${randomUUID().slice(0, 8)}`;
    const jobs = new BullmqJobScheduler({ redisUrl, prefix });
    const timers = buildTimerServices({
      db: database.db,
      jobs,
      clock: { now: () => new Date() },
      ...(options.horizonMs ? { horizonMs: options.horizonMs } : {}),
      ...(options.sweepMs ? { sweepMs: options.sweepMs } : {}),
    });
    timers.registry.register(handler);
    return new TimerHarness(database, jobs, timers, redisUrl, prefix, dataDir);
  }

  /** Between tests: no worker, no timers, no jobs, no firings (opening PGlite per test is slow). */
  async reset(handler: RecordingHandler): Promise<void> {
    await this.stopWorker();
    await this.database.db.execute(sql`truncate timers, sla_breaches`);
    await this.timers.queue.obliterate({ force: true });
    handler.firings.length = 0;
  }

  async startWorker(): Promise<TimerRole> {
    this.role = await startTimerRole({
      timers: this.timers,
      redisUrl: this.redisUrl,
      prefix: this.prefix,
      logger: this.logger,
      stalledIntervalMs: 2_000,
    });
    return this.role;
  }

  /** Like a killed process: no waiting for running jobs. */
  async killWorker(): Promise<void> {
    await this.role?.worker.worker.close(true);
    this.role = null;
  }

  async stopWorker(): Promise<void> {
    await this.role?.close();
    this.role = null;
  }

  async close(): Promise<void> {
    await this.stopWorker();
    await this.jobs.close();
    await this.database.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

export const waitUntil = async (
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * A harness for the enclosing describe block: opened once (on the database `databaseUrl` names, or
 * PGlite), reset before each test, closed after the last; `use` receives it once it is open.
 */
export function harnessPerBlock(
  handler: RecordingHandler,
  databaseUrl: () => Promise<string | undefined>,
  options: { horizonMs?: number; sweepMs?: number },
  use: (h: TimerHarness) => void,
): void {
  let h: TimerHarness | undefined;
  beforeAll(async () => {
    const url = await databaseUrl();
    h = await TimerHarness.open(handler, { ...(url ? { databaseUrl: url } : {}), ...options });
    use(h);
  });
  beforeEach(async () => {
    await h?.reset(handler);
  });
  afterAll(async () => {
    await h?.close();
  });
}
