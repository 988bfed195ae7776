import type { Logger } from 'pino';
import type { AppConfig } from '../../adapters/config/app-config.js';
import { openDatabase } from '../../adapters/db/index.js';
import { DrizzleTriageModelRepository } from '../../adapters/db/triage-model.repository.js';
import { RetrainModelUseCase } from '../../core/use-cases/retrain-model/retrain-model.use-case.js';
import { loadLabelled, parseTriageArgs, required, userErrorCode } from './triage-cli-support.js';

export const TRAIN_USAGE = `deskbot train --csv FILE --text COL --label COL
  Trains the triage classifier on a labelled CSV (any encoding; optional "type" and "priority"
  columns train those heads too) plus every desk correction in the database, and stores it as a new
  model version; running workers switch to it without a restart.`;

/** `deskbot train`: returns the exit code. */
export async function trainCommand(argv: string[], config: AppConfig, logger: Logger): Promise<number> {
  try {
    const args = parseTriageArgs(argv, {});
    const [csv, text, label] = [required(args, 'csv'), required(args, 'text'), required(args, 'label')];
    const data = await loadLabelled(csv, text, label, config.desk.categories);
    console.log(`${csv}: ${data.examples.length} rows (${data.encoding}), ${data.skipped} skipped`);
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
    try {
      await database.migrate();
      const retrain = new RetrainModelUseCase({
        models: new DrizzleTriageModelRepository(database.db),
        corpus: { examples: async () => data.examples },
        cut: data.cut,
        categories: config.desk.categories,
        clock: { now: () => new Date() },
      });
      const started = performance.now();
      const outcome = await retrain.execute({ force: true });
      if (!outcome.ok) throw new Error(outcome.error.message);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`trained in ${seconds} s: ${JSON.stringify(outcome.value)}`);
      return 0;
    } finally {
      await database.close();
    }
  } catch (e) {
    const code = userErrorCode(e, TRAIN_USAGE);
    if (code !== null) return code;
    throw e;
  }
}
