import { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { createRedisConnection } from '../adapters/queue/redis-connection.js';
import type {
  RetrainModelUseCase,
  RetrainOutcome,
} from '../core/use-cases/retrain-model/retrain-model.use-case.js';
import { unwrap } from './use-case-outcome.js';

/** The repeatable retrain job's queue (one scheduler id, so many workers schedule it once). */
export const RETRAIN_QUEUE = 'triage-retrain';
export const RETRAIN_SCHEDULER_ID = 'triage-retrain-every';

export interface RetrainWorker {
  worker: Worker;
  close(): Promise<void>;
}

/**
 * triage-retrain: folds new desk corrections into a new model version; `afterTrain` lets this
 * process swap to it at once (others pick it up on their next poll).
 */
export function startRetrainWorker(options: {
  redisUrl: string;
  prefix: string;
  retrain: RetrainModelUseCase;
  afterTrain: () => Promise<unknown>;
  logger: Logger;
}): RetrainWorker {
  const { logger } = options;
  const connection = createRedisConnection(options.redisUrl, 'worker', logger);
  const worker = new Worker(
    RETRAIN_QUEUE,
    async (): Promise<RetrainOutcome> => {
      const outcome = unwrap(await options.retrain.execute({ force: false }));
      if ('version' in outcome) {
        logger.info(outcome, 'triage model retrained with the desk corrections');
        await options.afterTrain();
      }
      return outcome;
    },
    // Training takes the CPU for seconds; one at a time is plenty.
    { connection, prefix: options.prefix, concurrency: 1 },
  );
  worker.on('failed', (job, error) =>
    logger.warn({ queue: RETRAIN_QUEUE, jobId: job?.id, err: error.message }, 'retrain job failed'),
  );
  worker.on('error', (error) =>
    logger.error({ queue: RETRAIN_QUEUE, err: error.message }, 'retrain worker error'),
  );
  return {
    worker,
    async close() {
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
