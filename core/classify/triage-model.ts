import type { CategoryDefinition } from '../desk/desk-settings.js';
import { MODULE_TYPES } from '../desk/module-type.js';
import { FEATURE_SET, featuresOf, type FeatureSet } from './features.js';
import { compileKeywords } from './keyword-set.js';
import { matchKeywords } from './keyword-matcher.js';
import { learnKeywordTrust, type KeywordTrust } from './keyword-trust.js';
import { trainNaiveBayes, type NaiveBayesModel } from './naive-bayes.js';
import { normalizeText } from './normalize-text.js';
import { trainSoftmaxRegression, type SoftmaxRegressionModel } from './softmax-regression.js';

/** One labelled report: from the shipped corpus, an organisation's export, or a desk correction. */
export interface TrainingExample {
  text: string;
  /** Module type (or any label set when evaluating an organisation's own history). */
  label: string;
  type?: string | null;
  priority?: string | null;
}

/** What is stored per model version: plain JSON, so any worker can load it. */
export interface TriageModel {
  /** Logistic regression since version 2 of this format; naive Bayes in models stored before. */
  category: SoftmaxRegressionModel | NaiveBayesModel;
  /** Present when the training data carried ticket types / priorities. */
  type: NaiveBayesModel | null;
  priority: NaiveBayesModel | null;
  examples: number;
  /**
   * How far to believe each desk keyword, learnt from the same examples (models trained with the
   * desk's categories; absent in models stored before, whose keywords all count in full).
   */
  keywordTrust?: KeywordTrust;
  /**
   * The feature set every head was trained on (features.ts); absent in models stored before set 2,
   * which are read with set 1, the features they learnt from.
   */
  features?: FeatureSet;
}

/** The feature set a stored model reads. */
export const featureSetOf = (model: TriageModel): FeatureSet => model.features ?? 1;

/**
 * Train every head the examples have labels for; `cut` is the tokenizer's. With the desk's
 * `categories`, also how far each of their keywords can be trusted (when the examples are labelled
 * with module types, as the keyword rules are).
 */
export function trainTriageModel(
  examples: readonly TrainingExample[],
  cut: (text: string) => string[],
  categories?: readonly CategoryDefinition[],
): TriageModel {
  const moduleTypes = new Set<string>(MODULE_TYPES);
  // The keyword rules become priors (and keyword trust is learnt) only for module-type labels.
  const readsRules =
    categories !== undefined && categories.length > 0 && examples.some((e) => moduleTypes.has(e.label));
  const keywords = readsRules ? compileKeywords(categories) : [];
  const featured = examples.map((e) => {
    const tokens = cut(e.text);
    const keywordMatched = readsRules
      ? matchKeywords(normalizeText(e.text), tokens, keywords).length > 0
      : undefined;
    return { e, tokens, features: featuresOf(e.text, tokens, { set: FEATURE_SET, keywordMatched }) };
  });
  const head = (pick: (e: TrainingExample) => string | null | undefined): NaiveBayesModel | null => {
    const labelled = featured.flatMap(({ e, features }) => {
      const label = pick(e)?.trim();
      return label ? [{ features, label }] : [];
    });
    // A head trained on a handful of rows or one label would only add noise to the rules.
    if (labelled.length < 20 || new Set(labelled.map((l) => l.label)).size < 2) return null;
    return trainNaiveBayes(labelled);
  };
  const model: TriageModel = {
    category: trainSoftmaxRegression(featured.map(({ e, features }) => ({ features, label: e.label }))),
    type: head((e) => e.type),
    priority: head((e) => e.priority),
    examples: examples.length,
    features: FEATURE_SET,
  };
  if (readsRules) {
    model.keywordTrust = learnKeywordTrust(
      featured.map(({ e, tokens }) => ({ text: e.text, tokens, label: e.label })),
      categories,
    );
  }
  return model;
}
