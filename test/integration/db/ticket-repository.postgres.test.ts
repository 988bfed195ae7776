import { tmpdir } from 'node:os';
import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../../adapters/db/index.js';
import { createTestDatabase } from '../../support/postgres-server.js';
import { ticketRepositoryContract } from '../../support/ticket-repository.contract.js';

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
      expect(applied).toBe(2);
      expect((tables as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(6);
    } finally {
      await Promise.all(databases.map((d) => d.close()));
    }
  });
});
