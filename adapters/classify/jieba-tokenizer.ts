import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normalizeText } from '../../core/classify/normalize-text.js';
import type { Tokenizer } from '../../core/ports/tokenizer.port.js';

const HAN_RUN = /\p{Script=Han}+/gu;
// Chinese runs go to jieba; any other run of letters/digits (outlook, vpn, win10, 192) is one token.
const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+)/gu;
/**
 * Domain terms get at least the frequency of an ordinary common word (about the 90th percentile of
 * jieba's dictionary), so that neighbours in a sentence do not pull them apart.
 */
const MIN_USER_WORD_FREQ = 100;

/**
 * Frequencies of `wanted` words in jieba's dictionary ("word freq tag" lines), and the sum of all
 * frequencies (the denominator of jieba's word probabilities). Hand-rolled because splitting all
 * 350,000 lines costs half a second at every start.
 */
function dictionaryFrequencies(wanted: Set<string>): { freq: Map<string, number>; total: number } {
  const text = Buffer.from(dict.buffer, dict.byteOffset, dict.byteLength).toString('utf8');
  const lengths = new Set([...wanted].map((w) => w.length));
  const freq = new Map<string, number>();
  let total = 0;
  for (let pos = 0; pos < text.length;) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline < 0 ? text.length : newline;
    const space = text.indexOf(' ', pos);
    if (space > pos && space < lineEnd) {
      let n = 0;
      for (let i = space + 1; i < lineEnd; i++) {
        const digit = text.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) break;
        n = n * 10 + digit;
      }
      total += n;
      if (lengths.has(space - pos)) {
        const word = text.slice(pos, space);
        if (wanted.has(word)) freq.set(word, n);
      }
    }
    pos = lineEnd + 1;
  }
  return { freq, total };
}

/**
 * The user dictionary for `words`: each gets a frequency high enough that jieba prefers it whole over
 * the pieces it would otherwise cut it into (the product rule of jieba's own suggest_freq), never lower
 * than the dictionary's own, and not below a common word's.
 */
function userDictionary(base: Jieba, words: string[]): string {
  const pieces = new Map(words.map((w) => [w, base.cut(w, false)]));
  const { freq, total } = dictionaryFrequencies(new Set([...words, ...[...pieces.values()].flat()]));
  return words
    .map((w) => {
      const together = (pieces.get(w) ?? [w]).reduce((p, piece) => p * ((freq.get(piece) ?? 1) / total), 1);
      const suggested = Math.floor(together * total) + 1;
      return `${w} ${Math.max(freq.get(w) ?? 0, suggested, MIN_USER_WORD_FREQ)}`;
    })
    .join('\n');
}

function build(extraWords: readonly string[]): Tokenizer {
  const jieba = Jieba.withDict(dict);
  const words = new Set<string>();
  for (const w of extraWords) {
    for (const [run] of w.normalize('NFKC').matchAll(HAN_RUN)) if (run.length >= 2) words.add(run);
  }
  if (words.size > 0) jieba.loadDict(Buffer.from(userDictionary(jieba, [...words].sort()), 'utf8'));

  return {
    cut(text: string): string[] {
      const tokens: string[] = [];
      // The classifier's normal form, so tokens line up with its text ("打 印 机" is 打印机 to both).
      for (const [, han, other] of normalizeText(text).matchAll(RUN)) {
        if (han) tokens.push(...jieba.cut(han, true));
        else if (other) tokens.push(other);
      }
      return tokens;
    },
  };
}

const built = new Map<string, Tokenizer>();

/**
 * A tokenizer on jieba's default dictionary plus `extraWords` (every category keyword), so domain
 * terms such as 门禁卡, 视频会议 and 一卡通 come out whole. Output is lower case (full-width folded),
 * without whitespace or punctuation; English words and digit runs are single tokens. Loading the
 * dictionary takes about half a second and tens of megabytes, so one tokenizer per word list is
 * built per process and shared.
 */
export function createJiebaTokenizer(extraWords: readonly string[]): Tokenizer {
  const key = [...new Set(extraWords)].sort().join('\n');
  let tokenizer = built.get(key);
  if (!tokenizer) {
    tokenizer = build(extraWords);
    built.set(key, tokenizer);
  }
  return tokenizer;
}
