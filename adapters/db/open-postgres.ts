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
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    // The hot statements are prepared once per connection (see sql-runner.ts). Left to itself the
    // server switches a prepared statement to a generic plan after five runs and keeps it; on a
    // young database that plan was made for near-empty tables (a sequential scan), and it stays
    // until the next ANALYZE, so every lookup reads the whole table as it grows. Planning each run
    // with its real parameters costs a little planning and never reads a table it need not.
    // A `?options=` in DATABASE_URL replaces this.
    options: '-c plan_cache_mode=force_custom_plan',
  });
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
