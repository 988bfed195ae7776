/** Accuracy, macro-F1, per-class precision/recall and a confusion matrix, as `deskbot eval` prints. */
export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Examples of the class in the test set. */
  support: number;
}

export interface EvaluationReport {
  accuracy: number;
  macro_f1: number;
  per_class: Record<string, ClassMetrics>;
  /** confusion[actual][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
  n_train: number;
  n_test: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function evaluate(
  pairs: ReadonlyArray<{ actual: string; predicted: string }>,
  nTrain: number,
): EvaluationReport {
  const labels = [...new Set(pairs.flatMap((p) => [p.actual, p.predicted]))].sort();
  const confusion: Record<string, Record<string, number>> = {};
  for (const a of labels) confusion[a] = Object.fromEntries(labels.map((p) => [p, 0]));
  let correct = 0;
  for (const { actual, predicted } of pairs) {
    const row = confusion[actual];
    if (row) row[predicted] = (row[predicted] ?? 0) + 1;
    if (actual === predicted) correct += 1;
  }
  const per_class: Record<string, ClassMetrics> = {};
  const actualLabels = new Set(pairs.map((p) => p.actual));
  for (const label of labels) {
    const tp = confusion[label]?.[label] ?? 0;
    const predicted = labels.reduce((s, a) => s + (confusion[a]?.[label] ?? 0), 0);
    const support = labels.reduce((s, p) => s + (confusion[label]?.[p] ?? 0), 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    per_class[label] = { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  }
  // Macro-F1 over the classes that occur in the test set: a label only ever predicted is an error
  // already counted in the others' precision, not a class of its own.
  const scored = [...actualLabels].map((l) => per_class[l]?.f1 ?? 0);
  return {
    accuracy: ratio(correct, pairs.length),
    macro_f1: ratio(
      scored.reduce((a, b) => a + b, 0),
      scored.length,
    ),
    per_class,
    confusion,
    n_train: nTrain,
    n_test: pairs.length,
  };
}

/**
 * Stratified k-fold assignment: within each label, examples are dealt round-robin after a seeded
 * shuffle, so every fold has every class in proportion and a run is reproducible.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 42): number[] {
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let state = seed >>> 0 || 1;
  const random = (): number => {
    // xorshift32: tiny, seeded, good enough to shuffle.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  let offset = 0;
  for (const indexes of [...byLabel.values()]) {
    for (let i = indexes.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indexes[i], indexes[j]] = [indexes[j] ?? 0, indexes[i] ?? 0];
    }
    indexes.forEach((at, n) => (fold[at] = (n + offset) % k));
    offset += indexes.length;
  }
  return fold;
}
