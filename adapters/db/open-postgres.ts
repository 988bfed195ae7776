import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import type { Logger } from '../../core/ports/index.js';
import type { Database, Db } from './database.js';
import * as schema from './schema/index.js';

/** Any constant works as long as every deskbot process uses the same one: 'dkbt' + 1. */
const MIGRATION_LOCK_KEY = 0x646b6274_01;

export async function openPostgres(options: {
  url: string;
  poolSize: number;
  migrationsFolder: string;
  logger?: Logger;
}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle PostgreSQL connection failed'));
  const db = drizzle({ client: pool, schema });
  let closed = false;
  return {
    db: db as Db,
    kind: 'postgres',
    async migrate() {
      // Several processes may boot against one server at once. The migrator's CREATE SCHEMA/TABLE
      // IF NOT EXISTS and its read-then-apply are not safe to race, so one migrates at a time,
      // and on the connection that holds the lock (a pool of one must not deadlock).
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
        try {
          await migrate(drizzle({ client, schema }), { migrationsFolder: options.migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
      options.logger?.debug({ kind: 'postgres' }, 'database migrated');
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
