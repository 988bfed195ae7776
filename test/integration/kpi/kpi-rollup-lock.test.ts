import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../../adapters/db/index.js';
import { DrizzleKpiRepository } from '../../../adapters/db/kpi.repository.js';
import { countTickets } from '../../../core/kpi/index.js';
import { createTestDatabase } from '../../support/postgres-server.js';
import { generateTickets, insertTickets } from '../../unit/kpi/kpi-seed.js';

const seeded = generateTickets(150, new Date('2026-03-01T00:00:00Z'), 10, 3);
const asOf = new Date('2026-03-20T04:00:00Z');
const period = { from: new Date('2026-02-28T16:00:00Z'), to: new Date('2026-03-15T16:00:00Z') };

let url: string;
let database: Database;

beforeAll(async () => {
  url = await createTestDatabase(inject('postgresUrl'));
  database = await openDatabase({ databaseUrl: url, dataDir: tmpdir() });
  await database.migrate();
  await insertTickets(database.db, seeded);
}, 120_000);
afterAll(() => database?.close());

describe('KPI roll-up seal beside a busy writer', () => {
  it('gives up rather than hold a writer up, and the figures are read from the tickets meanwhile', async () => {
    const writer = new pg.Client({ connectionString: url });
    await writer.connect();
    try {
      // An open transaction that has written to tickets: the seal cannot have its lock.
      await writer.query('begin');
      await writer.query(`update tickets set title = title where id = $1`, [seeded[0]!.id]);
      const repo = new DrizzleKpiRepository(database.db);
      const started = Date.now();
      expect(await repo.sealRollup('Asia/Shanghai', 10, asOf)).toBeNull();
      expect(Date.now() - started).toBeLessThan(20_000);
      const sums = await repo.ticketCounts({
        period,
        by: null,
        responseMinutes: 10,
        asOf,
        timeZone: 'Asia/Shanghai',
      });
      expect(sums.total).toEqual(
        countTickets(
          seeded.map((s) => s.fact),
          10,
          asOf,
        ),
      );
      await writer.query('commit');
      // With the writer gone the next read seals the days and answers the same.
      expect(await repo.sealRollup('Asia/Shanghai', 10, asOf)).toBe('2026-03-20');
      const again = await repo.ticketCounts({
        period,
        by: null,
        responseMinutes: 10,
        asOf,
        timeZone: 'Asia/Shanghai',
      });
      expect(again.total).toEqual(sums.total);
    } finally {
      await writer.end();
    }
  }, 60_000);
});
