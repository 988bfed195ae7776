import { scoreNaiveBayes, type CompiledNaiveBayes } from './naive-bayes.js';

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

/**
 * Labels ranked by probability: the model's log scores (if any) plus `priorBoost` (e.g. keyword
 * rule scores, in log units) per label, through a softmax. Labels only one side knows still count.
 */
export function rankLabels(
  model: CompiledNaiveBayes | null,
  features: readonly string[],
  priorBoost: Readonly<Record<string, number>>,
  fallbackLabels: readonly string[],
): LabelProbability[] {
  const logits = new Map<string, number>();
  if (model) {
    const { logScores, known } = scoreNaiveBayes(model, features);
    const t = temperature(known);
    model.labels.forEach((label, i) => logits.set(label, (logScores[i] ?? 0) / t));
  } else {
    for (const label of fallbackLabels) logits.set(label, 0);
  }
  for (const [label, boost] of Object.entries(priorBoost)) {
    if (logits.has(label)) logits.set(label, (logits.get(label) ?? 0) + boost);
  }
  const max = Math.max(...logits.values());
  let sum = 0;
  const exps = [...logits].map(([label, l]) => {
    const e = Math.exp(l - max);
    sum += e;
    return { label, e };
  });
  return exps
    .map(({ label, e }) => ({ label, p: e / sum }))
    .sort((a, b) => b.p - a.p || (a.label < b.label ? -1 : 1));
}
