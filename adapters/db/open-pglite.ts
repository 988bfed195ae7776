import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { sql } from 'drizzle-orm';
import type { Logger } from '../../core/ports/index.js';
import type { Database, Db } from './database.js';
import { PgliteThread } from './pglite-thread.js';
import * as schema from './schema/index.js';

/**
 * Embedded PostgreSQL, run on its own thread (pglite-thread.ts). PGlite is one connection: it
 * serializes every query and holds a mutex for the whole of a transaction, so concurrent repository
 * calls queue up instead of interleaving (drizzle's `db.transaction` maps onto
 * `PGlite.transaction`). Inside a transaction only `tx` may be used; touching `db` there would wait
 * on the transaction itself. Each statement of a transaction is a round trip between the threads
 * with the connection held, so the hot paths write in single statements.
 */
export async function openPglite(options: {
  dataDir: string | null;
  migrationsFolder: string;
  logger?: Logger;
}): Promise<Database> {
  let dir: string | null = null;
  if (options.dataDir !== null) {
    dir = join(options.dataDir, 'pg');
    await mkdir(dir, { recursive: true });
  }
  const client = await PgliteThread.start(dir, (error) =>
    options.logger?.error(
      { err: error.message },
      'the embedded database stopped; every query fails until a restart',
    ),
  );
  // drizzle's PGlite driver is typed for the PGlite class; it calls only what PgliteLikeClient has.
  const db = drizzle({ client: client as never, schema });
  return {
    db: db as Db,
    kind: 'pglite',
    async migrate() {
      await migrate(db, { migrationsFolder: options.migrationsFolder });
      options.logger?.debug({ kind: 'pglite' }, 'database migrated');
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}
