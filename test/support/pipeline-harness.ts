import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../adapters/db/index.js';
import { buildServices, type Services } from '../../cli/runtime/build-services.js';
import type { DeskSettings } from '../../core/desk/desk-settings.js';
import type { Channel } from '../../core/inbound/channel.js';
import type { Clock } from '../../core/ports/clock.port.js';
import type { Ticket } from '../../core/tickets/ticket.entity.js';
import { startWorkers, type WorkerPool } from '../../workers/main.js';
import { testDesk } from './test-desk.js';

export interface PipelineOptions {
  desk?: DeskSettings;
  clock?: Clock;
  /** A PostgreSQL server database; default: PGlite in memory. */
  databaseUrl?: string;
  /** Connections to that server (default: the product's). */
  poolSize?: number;
  enabledChannels?: Channel[];
  /** false: queue only, no consumers (to test what happens while workers are down). */
  workers?: boolean;
  concurrency?: number;
  /** false: classify, dispatch and web acknowledgements go through their queues, not in place. */
  inline?: boolean;
}

export type Pipeline = Services & {
  desk: DeskSettings;
  database: Database;
  prefix: string;
  redisUrl: string;
  pool: WorkerPool | null;
  /** Polls the database until the ticket satisfies `done` (or fails after `timeoutMs`). */
  waitForTicket(number: string, done: (t: Ticket) => boolean, timeoutMs?: number): Promise<Ticket>;
  close(): Promise<void>;
};

/**
 * The real pipeline for tests: the Redis server from globalSetup (a fresh key prefix per call,
 * so tests never see each other's jobs), real PostgreSQL (PGlite or a server), real workers.
 */
export async function startPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const redisUrl = inject('redisUrl');
  const prefix = `t-${randomUUID().slice(0, 8)}`;
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const dataDir = await mkdtemp(join(tmpdir(), 'deskbot-pipeline-'));
  const database = await openDatabase({
    databaseUrl: options.databaseUrl ?? null,
    dataDir,
    inMemory: true,
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
  });
  await database.migrate();
  const desk = options.desk ?? testDesk();
  const services = buildServices({
    database,
    desk,
    redisUrl,
    queuePrefix: prefix,
    enabledChannels: new Set(options.enabledChannels ?? ['web']),
    logger,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.inline === false ? { inlinePipeline: false } : {}),
  });
  await services.people.syncRoster(desk.people);
  await services.intake.start();
  const pool =
    options.workers === false
      ? null
      : startWorkers({
          redisUrl,
          prefix,
          concurrency: options.concurrency ?? 8,
          logger,
          useCases: services.useCases,
        });

  return {
    ...services,
    desk,
    database,
    prefix,
    redisUrl,
    pool,
    async waitForTicket(number, done, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      let last: Ticket | null = null;
      while (Date.now() < deadline) {
        last = await services.tickets.findByNumber(number);
        if (last && done(last)) return last;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(
        `Ticket ${number} did not reach the expected state in ${timeoutMs} ms (last: ${last?.status ?? 'absent'})`,
      );
    },
    async close() {
      await pool?.close();
      await services.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
