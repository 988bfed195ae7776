import { normalizeText } from './normalize-text.js';

const HAN_RUN = /\p{Script=Han}+/gu;
const WORDLIKE = /[\p{L}\p{N}]/u;
const DIGITS = /^\p{N}+$/u;
const LATIN_START = /^[a-z]/;

/**
 * The features a statistical model reads from a report: every token (digit runs folded into one
 * `<n>`, because room 301 and room 502 say the same thing) plus the Chinese characters and character
 * pairs of the text. These catch what segmentation misses: typos (网洛 for 网络), words jieba cuts
 * differently in other contexts, and abbreviations (cross-validation: +2 points accuracy). English
 * adds pairs of neighbouring words ("no dial", "paper jam"), the first four letters of long words and
 * letter trigrams, which forgive typos and forms the stemmer misses (+4 points on the English rows,
 * +0.7 on Chinese rows that mix in English words; Chinese character trigrams were tried and lost).
 * Duplicates are dropped: in short reports presence says more than repetition.
 */
export function featuresOf(text: string, tokens: readonly string[]): string[] {
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
  for (const [run] of normalizeText(text).matchAll(HAN_RUN)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.add(`b:${chars[i]}${chars[i + 1]}`);
    for (const c of chars) out.add(`c:${c}`);
  }
  return [...out];
}
