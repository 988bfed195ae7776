import {
  compileNaiveBayes,
  scoreNaiveBayes,
  type CompiledNaiveBayes,
  type NaiveBayesModel,
} from './naive-bayes.js';
import {
  compileSoftmaxRegression,
  scoreSoftmaxRegression,
  type CompiledSoftmax,
  type SoftmaxRegressionModel,
} from './softmax-regression.js';

/** One head of the classifier as stored (either algorithm) and ready to score. */
export type HeadModel = NaiveBayesModel | SoftmaxRegressionModel;
export type CompiledHead = CompiledNaiveBayes | CompiledSoftmax;

export const compileHead = (m: HeadModel): CompiledHead =>
  m.kind === 'softmax-regression' ? compileSoftmaxRegression(m) : compileNaiveBayes(m);

export interface LabelProbability {
  label: string;
  p: number;
}

/**
 * Naive Bayes multiplies evidence as if every feature were independent, so its raw posteriors are
 * near 0 or 1 for any report of more than a few words. Dividing the log scores by a temperature that
 * grows with the number of known features keeps the confidence meaningful for the triage threshold.
 */
const temperature = (known: number): number => 1 + 0.25 * known;

function score(model: CompiledHead, features: readonly string[]): Float64Array {
  // Logistic regression's logits are already calibrated log-odds; naive Bayes' are cooled first.
  if (model.kind === 'softmax-regression') return scoreSoftmaxRegression(model, features).logScores;
  const { logScores, known } = scoreNaiveBayes(model, features);
  const t = temperature(known);
  for (let i = 0; i < logScores.length; i++) logScores[i] = (logScores[i] ?? 0) / t;
  return logScores;
}

/**
 * Labels ranked by probability: the model's log scores (if any) plus `priorBoost` (e.g. keyword
 * rule scores, in log units) per label, through a softmax. Labels only one side knows still count.
 * Plain arrays: this runs three times per message on the hot path.
 */
export function rankLabels(
  model: CompiledHead | null,
  features: readonly string[],
  priorBoost: Readonly<Record<string, number>>,
  fallbackLabels: readonly string[],
): LabelProbability[] {
  const labels = model ? model.labels : fallbackLabels;
  const logits = model ? score(model, features) : new Float64Array(labels.length);
  let max = -Infinity;
  for (let i = 0; i < labels.length; i++) {
    const boost = priorBoost[labels[i] ?? ''];
    if (boost !== undefined) logits[i] = (logits[i] ?? 0) + boost;
    if ((logits[i] ?? 0) > max) max = logits[i] ?? 0;
  }
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const e = Math.exp((logits[i] ?? 0) - max);
    logits[i] = e;
    sum += e;
  }
  const ranked: LabelProbability[] = [];
  for (let i = 0; i < labels.length; i++) ranked.push({ label: labels[i] ?? '', p: (logits[i] ?? 0) / sum });
  return ranked.sort((a, b) => b.p - a.p || (a.label < b.label ? -1 : 1));
}
