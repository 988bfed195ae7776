import { normalizeText } from './normalize-text.js';

const HAN_RUN = /\p{Script=Han}+/gu;
const WORDLIKE = /[\p{L}\p{N}]/u;
const DIGITS = /^\p{N}+$/u;
const LATIN_START = /^[a-z]/;
const LATIN_WORD = /[a-z]{3,}/g;

/**
 * Which features a model was trained on; stored with it (`TriageModel.features`), so a model keeps
 * being read with the features it learnt from after they change. 1: tokens, English pairs, prefixes,
 * letter trigrams, Chinese characters and pairs. 2: also the English words as written and `k:none`.
 */
export type FeatureSet = 1 | 2;
/** The set new models are trained on. */
export const FEATURE_SET: FeatureSet = 2;

export interface FeatureOptions {
  /** Defaults to FEATURE_SET. */
  set?: FeatureSet;
  /**
   * Whether any of the desk's keywords occurs in the report; undefined when the model does not read
   * the keyword rules (trained without the desk's categories, or on labels that are not module types).
   */
  keywordMatched?: boolean;
}

/**
 * The features a statistical model reads from a report: every token (digit runs folded into one
 * `<n>`, because room 301 and room 502 say the same thing) plus the Chinese characters and character
 * pairs of the text. These catch what segmentation misses: typos (网洛 for 网络), words jieba cuts
 * differently in other contexts, and abbreviations (cross-validation: +2 points accuracy). English
 * adds pairs of neighbouring words ("no dial", "paper jam"), the first four letters of long words and
 * letter trigrams, which forgive typos and forms the stemmer misses (+4 points on the English rows,
 * +0.7 on Chinese rows that mix in English words; Chinese character trigrams were tried and lost).
 * Duplicates are dropped: in short reports presence says more than repetition.
 *
 * Set 2 adds two kinds, measured by 5-fold cross-validation on the shipped corpus with 100 training
 * passes (softmax-regression.ts), where set 1 scores 0.917 accuracy. The English words of three
 * letters or more as written, unstemmed and stop words included (`r:who`, `r:printing`), beside the
 * stems, so the forms the stemmer merges and the words the stop list drops (how, who, out, cannot)
 * count as evidence again without crowding the word pairs (0.919 → 0.922 with k:none in both).
 * And `k:none` when none of the desk's keywords occurs in the report: the keyword rules then add
 * nothing to any category, which is evidence of its own (mostly for 其他, the catch-all that has no
 * keywords), and the model can only weigh it if it sees it (0.920 → 0.922; 其他 recall with both
 * 0.76 → 0.83). Letter 4-grams and pairs, 5-letter prefixes, suffixes, word pairs across scripts and
 * Chinese word pairs were tried (20 passes) and moved accuracy by less than ±0.3 points.
 */
export function featuresOf(text: string, tokens: readonly string[], options: FeatureOptions = {}): string[] {
  const set = options.set ?? FEATURE_SET;
  const out = new Set<string>();
  let previousLatin: string | null = null;
  for (const raw of tokens) {
    const t = raw.toLowerCase();
    if (!WORDLIKE.test(t)) continue;
    out.add(DIGITS.test(t) ? 'w:<n>' : `w:${t}`);
    if (LATIN_START.test(t)) {
      if (previousLatin !== null) out.add(`e:${previousLatin} ${t}`);
      if (t.length > 4) out.add(`p:${t.slice(0, 4)}`);
      const padded = `<${t}>`;
      for (let i = 0; i + 3 <= padded.length; i++) out.add(`g:${padded.slice(i, i + 3)}`);
      previousLatin = t;
    }
  }
  const normalized = normalizeText(text);
  for (const [run] of normalized.matchAll(HAN_RUN)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.add(`b:${chars[i]}${chars[i + 1]}`);
    for (const c of chars) out.add(`c:${c}`);
  }
  if (set >= 2) {
    for (const [word] of normalized.matchAll(LATIN_WORD)) out.add(`r:${word}`);
    if (options.keywordMatched === false) out.add('k:none');
  }
  return [...out];
}
