import type { CategoryDefinition } from '../../desk/desk-settings.js';
import { TriageClassifier } from '../../classify/triage-classifier.js';

/** The classifier in force: swapped by the adapter when a newer model version is stored. */
export interface TriageClassifierSource {
  current(): { classifier: TriageClassifier; version: number | null };
}

/** Keyword rules only: a desk that has never trained a model. */
export function rulesOnlySource(categories: readonly CategoryDefinition[]): TriageClassifierSource {
  const current = { classifier: new TriageClassifier(null, categories), version: null };
  return { current: () => current };
}
