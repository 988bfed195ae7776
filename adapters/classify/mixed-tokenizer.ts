import { createRequire } from 'node:module';
import type { Tokenizer } from '../../core/ports/tokenizer.port.js';
import { createJiebaTokenizer } from './jieba-tokenizer.js';

interface Stemmer {
  stem(word: string): string;
}
// natural's index pulls in dotenv, which prints advertising on load; the stemmer alone does not.
const porter = createRequire(import.meta.url)('natural/lib/natural/stemmers/porter_stemmer.js') as Stemmer;

const LATIN_WORD = /^[a-z]{3,}$/;

/**
 * The tokenizer the learning classifier reads with: jieba (with the desk's domain dictionary) for
 * Chinese, and English words reduced to their stems by natural's Porter stemmer, so "printing",
 * "printer's" and "prints" count as the same evidence. Mixed text (outlook打不开, VPN连不上) splits
 * at the script boundary. Stems stay inside the word they came from, so the keyword rules can still
 * place them in the text.
 */
export function createMixedTokenizer(domainWords: readonly string[]): Tokenizer {
  const jieba = createJiebaTokenizer(domainWords);
  const stems = new Map<string, string>();
  const stem = (w: string): string => {
    let s = stems.get(w);
    if (s === undefined) {
      s = LATIN_WORD.test(w) ? porter.stem(w) : w;
      if (stems.size < 100_000) stems.set(w, s);
    }
    return s;
  };
  return { cut: (text) => jieba.cut(text).map(stem) };
}
