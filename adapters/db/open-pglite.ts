import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { sql } from 'drizzle-orm';
import type { Logger } from '../../core/ports/index.js';
import type { Database, Db } from './database.js';
import * as schema from './schema/index.js';

/**
 * Embedded PostgreSQL. PGlite is one connection: it serializes every query and holds a mutex for
 * the whole of a transaction, so concurrent repository calls queue up instead of interleaving
 * (drizzle's `db.transaction` maps onto `PGlite.transaction`). Inside a transaction only `tx` may
 * be used; touching `db` there would wait on the transaction itself.
 */
export async function openPglite(options: {
  dataDir: string | null;
  migrationsFolder: string;
  logger?: Logger;
}): Promise<Database> {
  let client: PGlite;
  if (options.dataDir === null) {
    client = await PGlite.create();
  } else {
    const dir = join(options.dataDir, 'pg');
    await mkdir(dir, { recursive: true });
    client = await PGlite.create(dir);
  }
  const db = drizzle({ client, schema });
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
