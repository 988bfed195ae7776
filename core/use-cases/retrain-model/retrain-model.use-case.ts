import { crossValidate } from '../../classify/cross-validate.js';
import { trainTriageModel, type TrainingExample } from '../../classify/triage-model.js';
import type { CategoryDefinition } from '../../desk/desk-settings.js';
import type { Clock } from '../../ports/clock.port.js';
import type { StoredTriageModel, TriageModelRepository } from '../../ports/triage-model.repository.port.js';
import { ok, type Result } from '../../shared/result.js';
import type { UseCaseError } from '../use-case.errors.js';

/** The base examples a model is trained on (the shipped corpus, or a CSV given to `deskbot train`). */
export interface TrainingCorpus {
  examples(): Promise<TrainingExample[]>;
}

export interface RetrainModelDeps {
  models: TriageModelRepository;
  corpus: TrainingCorpus;
  cut: (text: string) => string[];
  categories: readonly CategoryDefinition[];
  clock: Clock;
}

export type RetrainOutcome =
  | { version: number; examples: number; corrections: number; metrics: Record<string, number> }
  | { skipped: string };

/**
 * A desk correction counts as this many corpus rows: it is the organisation's own wording, about a
 * case the model got wrong, so it should move the model more than one generic example would.
 */
export const CORRECTION_WEIGHT = 3;
/** Cross-validation figures are stored with each version, except on very large sets where it would take minutes. */
const MAX_ROWS_TO_CROSS_VALIDATE = 20_000;

/**
 * Trains a new model version from the corpus plus every desk correction and stores it; running
 * workers pick it up on their next poll. Does nothing when no correction arrived since the newest
 * version, unless forced (`deskbot train`).
 */
export class RetrainModelUseCase {
  constructor(private readonly deps: RetrainModelDeps) {}

  async execute(options: { force: boolean }): Promise<Result<RetrainOutcome, UseCaseError>> {
    const { models, corpus, cut, categories, clock } = this.deps;
    const corrections = await models.corrections();
    const latest = await models.latest();
    if (!options.force && latest && latest.corrections === corrections.length)
      return ok({ skipped: `no new corrections since version ${latest.version}` });

    const base = await corpus.examples();
    const fromDesk = corrections.map((c) => ({ text: c.text, label: c.label }));
    const examples = [...base, ...Array.from({ length: CORRECTION_WEIGHT }, () => fromDesk).flat()];
    const metrics: Record<string, number> = {};
    if (examples.length <= MAX_ROWS_TO_CROSS_VALIDATE && new Set(examples.map((e) => e.label)).size > 1) {
      // Corrections are folded in once for the estimate: their copies would leak across folds.
      const cv = crossValidate([...base, ...fromDesk], 5, { cut, categories });
      metrics.cv_accuracy = cv.accuracy;
      metrics.cv_macro_f1 = cv.macro_f1;
    }
    const stored: StoredTriageModel = await models.save({
      createdAt: clock.now(),
      algorithm: 'softmax-regression+keyword-priors',
      examples: base.length + fromDesk.length,
      corrections: corrections.length,
      metrics,
      model: trainTriageModel(examples, cut, categories),
    });
    return ok({
      version: stored.version,
      examples: stored.examples,
      corrections: stored.corrections,
      metrics,
    });
  }
}
