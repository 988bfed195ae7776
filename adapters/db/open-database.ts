import type { Logger } from '../../core/ports/index.js';
import type { Database } from './database.js';
import { resolveMigrationsFolder } from './migrations-folder.js';
import { openPglite } from './open-pglite.js';
import { openPostgres } from './open-postgres.js';

export interface OpenDatabaseOptions {
  /** A PostgreSQL server (`postgres://…`); unset, null or empty → embedded PGlite in `<dataDir>/pg`. */
  databaseUrl?: string | null;
  dataDir: string;
  logger?: Logger;
  /** Connections in the server pool. Default 10. */
  poolSize?: number;
  /** Tests only: PGlite in memory instead of `<dataDir>/pg`. */
  inMemory?: boolean;
  /** Defaults to the `adapters/db/migrations` folder of this package. */
  migrationsFolder?: string;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const migrationsFolder = options.migrationsFolder ?? resolveMigrationsFolder();
  const logger = options.logger;
  if (options.databaseUrl) {
    const poolSize = options.poolSize ?? 10;
    if (!Number.isInteger(poolSize) || poolSize < 1)
      throw new Error(`poolSize must be a positive integer, got ${poolSize}.`);
    const database = await openPostgres({ url: options.databaseUrl, poolSize, migrationsFolder, logger });
    logger?.info({ kind: database.kind, poolSize }, 'database: PostgreSQL server');
    return database;
  }
  const dataDir = options.inMemory ? null : options.dataDir;
  const database = await openPglite({ dataDir, migrationsFolder, logger });
  logger?.info({ kind: database.kind, dataDir }, 'database: embedded PGlite');
  return database;
}
