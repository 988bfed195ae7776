import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../../adapters/db/index.js';
import { DrizzleTicketRepository } from '../../../adapters/db/ticket.repository.js';
import { resolveMigrationsFolder } from '../../../adapters/db/migrations-folder.js';
import * as schema from '../../../adapters/db/schema/index.js';
import { createTestDatabase } from '../../support/postgres-server.js';
import { ticketRepositoryContract } from '../../support/ticket-repository-contract/index.js';

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
  it('plans the prepared hot statements for each call, never a generic plan made on young tables', async () => {
    // One connection, so the prepared statements and the catalogue query share a session.
    const database = await open(await createTestDatabase(inject('postgresUrl')), 1);
    try {
      await database.migrate();
      const repo = new DrizzleTicketRepository(database.db);
      // The server would switch to a generic plan after five calls; ten are asked one at a time.
      for (let i = 0; i < 10; i += 1) expect(await repo.findById(`missing-${i}`)).toBeNull();
      const result = await database.db.execute(
        sql`select generic_plans::int as generic, custom_plans::int as custom
          from pg_prepared_statements where name = 'deskbot_tickets_by_id'`,
      );
      expect((result as unknown as { rows: unknown[] }).rows).toEqual([{ generic: 0, custom: 10 }]);
    } finally {
      await database.close();
    }
  });
});
