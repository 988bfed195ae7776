import type { CategoryDefinition } from '../desk/desk-settings.js';
import { FALLBACK_MODULE_TYPE, MODULE_TYPES, type ModuleType } from '../desk/module-type.js';
import type { Classification } from './classification.js';
import { compileKeywords } from './keyword-set.js';
import { matchKeywords, type KeywordMatch } from './keyword-matcher.js';
import { trustOf, type KeywordTrust } from './keyword-trust.js';
import { normalizeText } from './normalize-text.js';

/** Confidence when no keyword matched at all: the report goes to 其他 and a person should look. */
export const NO_MATCH_CONFIDENCE = 0.1;
const MIN_CONFIDENCE = 0.05;
const MAX_CONFIDENCE = 0.95;
/**
 * Score at which evidence counts as fairly strong: one three-character keyword (打印机) gives 0.7,
 * a keyword plus a symptom (打印机 + 卡纸) 0.86, a lone single character (卡) 0.18.
 */
const EVIDENCE_SCALE = 2.5;

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

function emptyScores(): Record<ModuleType, number> {
  return Object.fromEntries(MODULE_TYPES.map((t) => [t, 0])) as Record<ModuleType, number>;
}

/**
 * Picks the module type whose configured keywords best explain the report. With `trust` (learnt by
 * a trained model from labelled reports) each keyword counts for its weight times its trust.
 *
 * Confidence is the best category's share of all keyword evidence (so two categories tied at the
 * top give at most one half) times how much evidence there is (one weak hint is not certainty),
 * kept within [0.05, 0.95]: keyword rules are never certain, and any match says more than none.
 */
export function classifyByRules(
  text: string,
  tokens: readonly string[],
  categories: readonly CategoryDefinition[],
  trust?: KeywordTrust,
): Classification {
  const scores = emptyScores();
  const matches = matchKeywords(normalizeText(text), tokens, compileKeywords(categories));
  const byCategory = new Map<ModuleType, KeywordMatch[]>();
  for (const m of matches) {
    if (trust) m.weight *= trustOf(trust, m.keyword);
    scores[m.keyword.category] += m.weight;
    byCategory.set(m.keyword.category, [...(byCategory.get(m.keyword.category) ?? []), m]);
  }

  const order = categories.map((c) => c.name);
  const longest = (c: ModuleType): number =>
    Math.max(0, ...(byCategory.get(c) ?? []).map((m) => m.keyword.normalized.length));
  // Ties: the more specific match wins, then the order the desk listed its categories in.
  const ranked = [...byCategory.keys()].sort(
    (a, b) => scores[b] - scores[a] || longest(b) - longest(a) || order.indexOf(a) - order.indexOf(b),
  );
  const best = ranked[0];
  if (best === undefined) {
    return { category: FALLBACK_MODULE_TYPE, confidence: NO_MATCH_CONFIDENCE, evidence: [], scores };
  }

  const total = ranked.reduce((sum, c) => sum + scores[c], 0);
  const share = scores[best] / total;
  const strength = 1 - Math.exp(-scores[best] / EVIDENCE_SCALE);
  const confidence = round(Math.min(MAX_CONFIDENCE, Math.max(MIN_CONFIDENCE, share * strength)), 3);
  const evidence = (byCategory.get(best) ?? [])
    .sort((a, b) => b.weight - a.weight || a.start - b.start)
    .map((m) => m.keyword.keyword);
  return { category: best, confidence, evidence, scores };
}
