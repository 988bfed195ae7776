import type { CategoryDefinition } from '../desk/desk-settings.js';
import { MODULE_TYPES } from '../desk/module-type.js';
import { PRIORITIES, TICKET_TYPES, type Priority, type TicketType } from '../tickets/ticket.entity.js';
import { matchCues } from './cue-rules.js';
import { FEATURE_SET, featuresOf, type FeatureSet } from './features.js';
import { compileHead, rankLabels, type CompiledHead, type LabelProbability } from './label-probabilities.js';
import { classifyByRules } from './rule-classifier.js';
import { featureSetOf, type TriageModel } from './triage-model.js';
import { PRIORITY_CUES, TICKET_TYPE_CUES } from './type-and-priority-cues.js';

export interface HeadVerdict<T extends string> {
  value: T;
  confidence: number;
  /** Best first, at most three. */
  top: LabelProbability[];
  /** Keywords or cue phrases that argued for `value`. */
  evidence: string[];
}

export interface TriageVerdict {
  category: HeadVerdict<string>;
  type: HeadVerdict<TicketType>;
  priority: HeadVerdict<Priority>;
  /** 'model+rules' when a trained model took part, 'rules' otherwise. */
  source: 'model+rules' | 'rules';
}

/**
 * How much one unit of keyword-rule score moves the log odds. The rules are the desk's own words, so
 * they act as a prior the model can overrule only with clear evidence. Tuned by cross-validation on
 * the shipped corpus (0.25, 0.5, 1 tried for the logistic-regression head; 1 best; again with feature
 * set 2 and 100 passes: 0.75 → 0.920, 1 → 0.922, 1.25 → 0.921). Training the model with the rule scores
 * already added to its logits, so it learns only what the rules miss, lost 1 to 2 points.
 */
export const RULE_PRIOR_WEIGHT = 1;
/** The same for a naive Bayes category head (models stored before logistic regression). */
export const NB_RULE_PRIOR_WEIGHT = 0.35;
const CUE_WEIGHT = 0.8;
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

const head = <T extends string>(ranked: LabelProbability[], evidence: string[]): HeadVerdict<T> => {
  const best = ranked[0] ?? { label: '', p: 0 };
  return {
    value: best.label as T,
    confidence: round3(best.p),
    top: ranked.slice(0, 3).map((r) => ({ label: r.label, p: round3(r.p) })),
    evidence,
  };
};

const scaled = (scores: Record<string, number>, by: number): Record<string, number> =>
  Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, v * by]));

/**
 * The learning classifier: a logistic regression over words, stems and characters (naive Bayes in
 * models stored before), with the keyword rules as priors, each keyword weighed by the trust the
 * model learnt for it; ticket type and priority from cue phrases (and the model's heads when
 * trained with them). Without a model it is the keyword rules alone, so a new desk triages from
 * day one.
 */
export class TriageClassifier {
  private readonly category: CompiledHead | null;
  private readonly type: CompiledHead | null;
  private readonly priority: CompiledHead | null;
  private readonly ruleWeight: number;
  /** The features the stored model was trained on, which may be older than today's. */
  private readonly featureSet: FeatureSet;
  /** Rules only help when the model speaks the same labels (an organisation's export may not). */
  private readonly rulesApply: boolean;

  constructor(
    readonly model: TriageModel | null,
    private readonly categories: readonly CategoryDefinition[],
    ruleWeight?: number,
  ) {
    this.category = model ? compileHead(model.category) : null;
    this.type = model?.type ? compileHead(model.type) : null;
    this.priority = model?.priority ? compileHead(model.priority) : null;
    this.featureSet = model ? featureSetOf(model) : FEATURE_SET;
    this.ruleWeight =
      ruleWeight ?? (model?.category.kind === 'multinomial-nb' ? NB_RULE_PRIOR_WEIGHT : RULE_PRIOR_WEIGHT);
    const known = new Set<string>(MODULE_TYPES);
    this.rulesApply = !model || model.category.labels.some((l) => known.has(l));
  }

  classify(text: string, tokens: readonly string[]): TriageVerdict {
    const rules = this.rulesApply
      ? classifyByRules(text, tokens, this.categories, this.model?.keywordTrust)
      : null;
    // A model that learnt keyword trust was trained with the rules, and so with whether any keyword
    // matched (features.ts); a keyword's score is its weight times a trust above 0, so any match scores.
    const keywordMatched =
      rules && this.model?.keywordTrust ? Object.values(rules.scores).some((s) => s > 0) : undefined;
    const features = featuresOf(text, tokens, { set: this.featureSet, keywordMatched });
    let category: HeadVerdict<string>;
    if (this.category) {
      const boost = rules ? scaled(rules.scores, this.ruleWeight) : {};
      category = head(rankLabels(this.category, features, boost, []), rules?.evidence ?? []);
      if (rules && category.value !== rules.category) category.evidence = [];
    } else {
      const r = rules ?? classifyByRules(text, tokens, this.categories);
      const ranked = Object.entries(r.scores)
        .map(([label, s]) => ({ label, p: label === r.category ? r.confidence : s > 0 ? s / 20 : 0 }))
        .sort((a, b) => b.p - a.p);
      category = head(ranked, r.evidence);
      category.value = r.category;
      category.confidence = r.confidence;
    }

    const typeCues = matchCues(text, TICKET_TYPE_CUES);
    const typeBoost = scaled({ fault: 0.5, ...typeCues.scores }, CUE_WEIGHT);
    const type = head<TicketType>(
      rankLabels(this.type, features, typeBoost, TICKET_TYPES),
      typeCues.found.map((f) => f.phrase),
    );
    const priorityCues = matchCues(text, PRIORITY_CUES);
    // Without impact or urgency: a fault hurts one user now (P3), a question or request can wait (P4).
    const base = type.value === 'fault' || type.value === 'complaint' ? 'P3' : 'P4';
    const priorityBoost = scaled({ [base]: 1, ...priorityCues.scores }, CUE_WEIGHT);
    const priority = head<Priority>(
      rankLabels(this.priority, features, priorityBoost, PRIORITIES),
      priorityCues.found.filter((f) => f.label !== base).map((f) => f.phrase),
    );
    return { category, type, priority, source: this.category ? 'model+rules' : 'rules' };
  }
}
