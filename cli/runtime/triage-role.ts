import type { Logger } from 'pino';
import type { TriageModelHolder } from '../../adapters/classify/triage-model-holder.js';
import { shippedCorpus } from '../../adapters/classify/shipped-corpus.js';
import type { BullmqJobScheduler } from '../../adapters/queue/bullmq-job-scheduler.js';
import type { CategoryDefinition } from '../../core/desk/desk-settings.js';
import { DEFAULT_TRIAGE_SETTINGS, type TriageSettings } from '../../core/classify/triage-settings.js';
import type { Clock } from '../../core/ports/clock.port.js';
import type { Tokenizer } from '../../core/ports/tokenizer.port.js';
import type { TriageModelRepository } from '../../core/ports/triage-model.repository.port.js';
import {
  RetrainModelUseCase,
  type TrainingCorpus,
} from '../../core/use-cases/retrain-model/retrain-model.use-case.js';
import { RETRAIN_QUEUE, RETRAIN_SCHEDULER_ID, startRetrainWorker } from '../../workers/retrain.worker.js';

export interface TriageServices {
  holder: TriageModelHolder;
  models: TriageModelRepository;
  tokenizer: Tokenizer;
}

/** Training cuts each text once per fold; the cache keeps that to once per text (bounded). */
export function cachedCut(tokenizer: Tokenizer, limit = 50_000): (text: string) => string[] {
  const cache = new Map<string, string[]>();
  return (text) => {
    let tokens = cache.get(text);
    if (!tokens) {
      tokens = tokenizer.cut(text);
      if (cache.size >= limit) cache.clear();
      cache.set(text, tokens);
    }
    return tokens;
  };
}

export function buildRetrain(deps: {
  triage: TriageServices;
  categories: readonly CategoryDefinition[];
  clock: Clock;
  corpus?: TrainingCorpus;
}): RetrainModelUseCase {
  return new RetrainModelUseCase({
    models: deps.triage.models,
    corpus: deps.corpus ?? shippedCorpus(),
    cut: cachedCut(deps.triage.tokenizer),
    categories: deps.categories,
    clock: deps.clock,
  });
}

/**
 * Day one: a desk that has never trained gets version 1 from the shipped corpus before its workers
 * take a job, because the keyword rules alone are often below the triage threshold and would leave
 * most reports waiting for the desk. Returns the version in force.
 */
export async function ensureTriageModel(
  triage: TriageServices,
  retrain: RetrainModelUseCase,
  logger: Pick<Logger, 'info' | 'warn'>,
): Promise<number | null> {
  if ((await triage.models.latestVersion()) === null) {
    const started = performance.now();
    const outcome = await retrain.execute({ force: false });
    if (!outcome.ok) throw new Error(`training the first triage model failed: ${outcome.error.message}`);
    const seconds = Math.round(performance.now() - started) / 1000;
    logger.info({ ...outcome.value, seconds }, 'no triage model stored yet: trained one from data/training');
  }
  return triage.holder.refresh();
}

export interface TriageRole {
  version: number | null;
  close(): Promise<void>;
}

/**
 * Workers role: the first model if there is none, then the repeatable retrain job every
 * `retrainMinutes` (upsertJobScheduler: one schedule however many worker processes run).
 */
export async function startTriageRole(options: {
  triage: TriageServices;
  categories: readonly CategoryDefinition[];
  settings: TriageSettings | undefined;
  scheduler: BullmqJobScheduler;
  redisUrl: string;
  prefix: string;
  clock: Clock;
  logger: Logger;
  corpus?: TrainingCorpus;
}): Promise<TriageRole> {
  const { triage, logger } = options;
  const settings = options.settings ?? DEFAULT_TRIAGE_SETTINGS;
  const retrain = buildRetrain({ ...options });
  const version = await ensureTriageModel(triage, retrain, logger);
  const queue = options.scheduler.queue(RETRAIN_QUEUE);
  if (settings.retrainMinutes <= 0) {
    await queue.removeJobScheduler(RETRAIN_SCHEDULER_ID);
    return { version, close: async () => undefined };
  }
  await queue.upsertJobScheduler(
    RETRAIN_SCHEDULER_ID,
    { every: settings.retrainMinutes * 60_000 },
    { name: 'retrain', data: {} },
  );
  const worker = startRetrainWorker({
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    retrain,
    afterTrain: () => triage.holder.refresh(),
    logger,
  });
  return { version, close: () => worker.close() };
}
