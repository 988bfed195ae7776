import type { CategoryDefinition } from '../desk/desk-settings.js';
import { evaluate, stratifiedFolds, type EvaluationReport } from './evaluation.js';
import { TriageClassifier } from './triage-classifier.js';
import { trainTriageModel, type TrainingExample } from './triage-model.js';

export interface EvaluationRun {
  /** Tokenizes a text; called once per example per fold, so cache if it is slow. */
  cut: (text: string) => string[];
  categories: readonly CategoryDefinition[];
  /** Called after each fold or test row batch: done of total. */
  onProgress?: (done: number, total: number) => void;
}

/** Trains on `train`, predicts `test`: the report `deskbot eval --test` prints. */
export function trainAndTest(
  train: readonly TrainingExample[],
  test: readonly TrainingExample[],
  run: EvaluationRun,
): EvaluationReport {
  const classifier = new TriageClassifier(trainTriageModel(train, run.cut, run.categories), run.categories);
  const pairs = test.map((e, i) => {
    if (run.onProgress && i % 500 === 0) run.onProgress(i, test.length);
    return { actual: e.label, predicted: classifier.classify(e.text, run.cut(e.text)).category.value };
  });
  run.onProgress?.(test.length, test.length);
  return evaluate(pairs, train.length);
}

/**
 * Stratified k-fold cross-validation: every example is predicted once, by a model that never saw it.
 * `n_train` is the mean training-set size of the folds.
 */
export function crossValidate(
  examples: readonly TrainingExample[],
  folds: number,
  run: EvaluationRun,
): EvaluationReport {
  const fold = stratifiedFolds(
    examples.map((e) => e.label),
    folds,
  );
  const pairs: Array<{ actual: string; predicted: string }> = [];
  let trained = 0;
  for (let k = 0; k < folds; k++) {
    const train = examples.filter((_, i) => fold[i] !== k);
    const test = examples.filter((_, i) => fold[i] === k);
    trained += train.length;
    const classifier = new TriageClassifier(trainTriageModel(train, run.cut, run.categories), run.categories);
    for (const e of test)
      pairs.push({ actual: e.label, predicted: classifier.classify(e.text, run.cut(e.text)).category.value });
    run.onProgress?.(k + 1, folds);
  }
  return evaluate(pairs, Math.round(trained / folds));
}
