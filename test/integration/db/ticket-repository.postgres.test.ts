import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../../adapters/db/index.js';
import { resolveMigrationsFolder } from '../../../adapters/db/migrations-folder.js';
import * as schema from '../../../adapters/db/schema/index.js';
import { createTestDatabase } from '../../support/postgres-server.js';
import { ticketRepositoryContract } from '../../support/ticket-repository-contract/index.js';
import { inbound } from '../../support/inbound.js';
import { startPipeline } from '../../support/pipeline-harness.js';

const journal = (): { entries: unknown[] } =>
  JSON.parse(readFileSync(join(resolveMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };

const open = async (url: string, poolSize?: number) =>
  openDatabase({ databaseUrl: url, dataDir: tmpdir(), poolSize });

ticketRepositoryContract('DrizzleTicketRepository on a PostgreSQL server', async () => {
  const database = await open(await createTestDatabase(inject('postgresUrl')));
  expect(database.kind).toBe('postgres');
  await database.migrate();
  return database;
});

describe('PostgreSQL server migrations', () => {
  it('lets several processes migrate one fresh database at once', async () => {
    const url = await createTestDatabase(inject('postgresUrl'));
    // Separate pools stand for separate processes; one has a single connection to prove no self-deadlock.
    const databases = await Promise.all([open(url, 1), open(url), open(url), open(url)]);
    try {
      await Promise.all(databases.map((d) => d.migrate()));
      const [first] = databases;
      const result = await first!.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      const applied = (result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n;
      const tables = await first!.db.execute(
        sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
      );
      expect(applied).toBe(journal().entries.length);
      expect((tables as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(
        Object.values(schema).filter((x) => is(x, PgTable)).length,
      );
    } finally {
      await Promise.all(databases.map((d) => d.close()));
    }
  });
});

describe('PostgreSQL server plans', () => {
  /** The tables that grow with every report; a plan the server keeps must never read one through. */
  const GROWING = /Seq Scan on (tickets|ticket_events|ticket_messages|ticket_attachments|timers)\b/;
  const rowsOf = <R>(result: unknown): R[] => (result as { rows: R[] }).rows;

  it('keeps a plan only for statements that cannot come to read a growing table through', async () => {
    // One connection, so every statement the pipeline prepares is in the session the test reads.
    const p = await startPipeline({
      databaseUrl: await createTestDatabase(inject('postgresUrl')),
      poolSize: 1,
    });
    try {
      for (const text of ['打印机卡纸了，打印不出来', '电脑蓝屏了', '三楼网络断了，上不了网']) {
        const receipt = await p.intake.submit(
          inbound({ text, sender: { phone: '13800001234' }, fields: { location: '行政楼305' } }),
          {
            waitMs: 5000,
          },
        );
        if (receipt.status !== 'processed') throw new Error(`not processed: ${receipt.status}`);
        await p.waitForTicket(receipt.ticketNumber, (t) => t.status === 'dispatched');
      }
      // Statistics that say the tables are tiny, as on a young database after its first ANALYZE:
      // the worst moment for a plan to be made once and kept.
      await p.database.db.execute(sql`analyze`);
      const prepared = rowsOf<{ name: string; params: number | null }>(
        await p.database.db.execute(
          sql`select name, array_length(parameter_types, 1) as params from pg_prepared_statements order by name`,
        ),
      );
      const names = prepared.map((r) => r.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'deskbot_tickets_create',
          'deskbot_tickets_append_messages',
          'deskbot_timers_upsert',
          'deskbot_tickets_open_by_assignee',
          'deskbot_people_match_senders',
        ]),
      );
      // Lookups into growing tables are planned for their own values on every call, never kept.
      for (const perCall of [
        'deskbot_tickets_by_id',
        'deskbot_ticket_events_of',
        'deskbot_timers_of',
        'deskbot_tickets_save',
      ])
        expect(names).not.toContain(perCall);

      await p.database.db.execute(sql`set plan_cache_mode = force_generic_plan`);
      for (const { name, params } of prepared) {
        const args = params ? `(${Array.from({ length: params }, () => 'null').join(', ')})` : '';
        const plan = rowsOf<{ 'QUERY PLAN': string }>(
          await p.database.db.execute(sql.raw(`explain execute ${name}${args}`)),
        )
          .map((r) => r['QUERY PLAN'])
          .join('\n');
        expect(plan, `${name}:\n${plan}`).not.toMatch(GROWING);
      }
    } finally {
      await p.close();
    }
  });
});
