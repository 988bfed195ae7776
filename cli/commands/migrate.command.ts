import type { Logger } from 'pino';
import type { AppConfig } from '../../adapters/config/app-config.js';
import { DrizzlePersonRepository, openDatabase } from '../../adapters/db/index.js';

/** `deskbot migrate`: apply pending migrations and sync the roster, then exit (for deploy pipelines). */
export async function migrateCommand(config: AppConfig, logger: Logger): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  try {
    await database.migrate();
    const summary = await new DrizzlePersonRepository(database.db).syncRoster(config.desk.people);
    logger.info({ ...summary, kind: database.kind }, 'migrations applied, roster synchronised');
  } finally {
    await database.close();
  }
}
