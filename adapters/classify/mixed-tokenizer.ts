import { createRequire } from 'node:module';
import type { Tokenizer } from '../../core/ports/tokenizer.port.js';
import { createJiebaTokenizer } from './jieba-tokenizer.js';

interface Stemmer {
  stem(word: string): string;
}
// natural's index pulls in dotenv, which prints advertising on load; the stemmer and word list alone do not.
const load = createRequire(import.meta.url);
const porter = load('natural/lib/natural/stemmers/porter_stemmer.js') as Stemmer;
const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (load('natural/lib/natural/util/stopwords.js') as { words: string[] }).words,
);

const LATIN_WORD = /^[a-z]{3,}$/;
const LATIN_LETTERS = /^[a-z]+$/;

/**
 * The tokenizer the learning classifier reads with: jieba (with the desk's domain dictionary) for
 * Chinese, and English words reduced to their stems by natural's Porter stemmer, so "prints",
 * "printed" and "printing" count as the same evidence. English stop words (natural's list: the, is,
 * my, can, single letters such as the t of "can't") are left out: in a report of ten words they
 * were a third of the features and said nothing about the category (cross-validation on the
 * English rows: +2 points accuracy without them). Mixed text (outlook打不开, VPN连不上) splits at the
 * script boundary. Stems stay inside the word they came from, so the keyword rules can still place
 * them in the text.
 */
export function createMixedTokenizer(domainWords: readonly string[]): Tokenizer {
  const jieba = createJiebaTokenizer(domainWords);
  // null: a stop word, dropped.
  const stems = new Map<string, string | null>();
  const stem = (w: string): string | null => {
    let s = stems.get(w);
    if (s === undefined) {
      if (LATIN_LETTERS.test(w) && ENGLISH_STOP_WORDS.has(w)) s = null;
      else s = LATIN_WORD.test(w) ? porter.stem(w) : w;
      if (stems.size < 100_000) stems.set(w, s);
    }
    return s;
  };
  return {
    cut: (text) => {
      const out: string[] = [];
      for (const t of jieba.cut(text)) {
        const s = stem(t);
        if (s !== null) out.push(s);
      }
      return out;
    },
  };
}
