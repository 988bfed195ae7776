/**
 * Multinomial naive Bayes over binary features, trained and applied in log space. Chosen over
 * natural's classifiers by measurement (bench/classify.bench.ts): natural's BayesClassifier mixes
 * probabilities outside log space and collapses onto rare classes on long unbalanced text, and its
 * LogisticRegressionClassifier trains for minutes on a few thousand rows.
 */
export interface NaiveBayesModel {
  kind: 'multinomial-nb';
  labels: string[];
  /** Laplace smoothing. */
  alpha: number;
  /** Documents per label: the class prior. */
  docs: number[];
  /** Feature → occurrences per label (same order as `labels`). */
  counts: Record<string, number[]>;
}

export interface LabelledFeatures {
  features: readonly string[];
  label: string;
}

/** Chosen by cross-validation on the shipped corpus (0.05 … 1 tried; 1 best with character features). */
export const DEFAULT_ALPHA = 1;

export function trainNaiveBayes(
  examples: readonly LabelledFeatures[],
  alpha = DEFAULT_ALPHA,
): NaiveBayesModel {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const docs = labels.map(() => 0);
  const counts: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  for (const { features, label } of examples) {
    const c = index.get(label) ?? 0;
    docs[c] = (docs[c] ?? 0) + 1;
    for (const f of features) {
      const row = (counts[f] ??= labels.map(() => 0));
      row[c] = (row[c] ?? 0) + 1;
    }
  }
  return { kind: 'multinomial-nb', labels, alpha, docs, counts };
}

/** Log-probability tables computed once per model, so prediction is one lookup per feature. */
export interface CompiledNaiveBayes {
  kind: 'multinomial-nb';
  labels: readonly string[];
  logPrior: Float64Array;
  logLikelihood: Map<string, Float64Array>;
}

export function compileNaiveBayes(model: NaiveBayesModel): CompiledNaiveBayes {
  const k = model.labels.length;
  const features = Object.keys(model.counts);
  const vocabulary = features.length;
  const totals = new Float64Array(k);
  for (const f of features) {
    const row = model.counts[f] ?? [];
    for (let c = 0; c < k; c++) totals[c] = (totals[c] ?? 0) + (row[c] ?? 0);
  }
  const allDocs = model.docs.reduce((a, b) => a + b, 0);
  const logPrior = Float64Array.from(model.docs, (d) => Math.log((d + 1) / (allDocs + k)));
  const logLikelihood = new Map<string, Float64Array>();
  for (const f of features) {
    const row = model.counts[f] ?? [];
    const logs = new Float64Array(k);
    for (let c = 0; c < k; c++)
      logs[c] = Math.log(((row[c] ?? 0) + model.alpha) / ((totals[c] ?? 0) + model.alpha * vocabulary));
    logLikelihood.set(f, logs);
  }
  return { kind: 'multinomial-nb', labels: model.labels, logPrior, logLikelihood };
}

/**
 * Per-label log scores of a document and how many of its features the model knew. Features the model
 * never saw say nothing and are skipped.
 */
export function scoreNaiveBayes(
  model: CompiledNaiveBayes,
  features: readonly string[],
): { logScores: Float64Array; known: number } {
  const logScores = Float64Array.from(model.logPrior);
  let known = 0;
  for (const f of features) {
    const logs = model.logLikelihood.get(f);
    if (!logs) continue;
    known += 1;
    for (let c = 0; c < logScores.length; c++) logScores[c] = (logScores[c] ?? 0) + (logs[c] ?? 0);
  }
  return { logScores, known };
}
