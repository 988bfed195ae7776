import type { CompiledKeyword } from './keyword-set.js';

interface Span {
  start: number;
  end: number;
}

export interface KeywordMatch extends Span {
  keyword: CompiledKeyword;
  /** The keyword's weight, halved when the match cuts across the segmenter's words. */
  weight: number;
}

// 上网 inside 早上|网络 is a coincidence of characters, not the word; it still counts, for less.
const STRADDLE_FACTOR = 0.5;
const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;

/** Where each token sits in the normalized text; tokens that cannot be found in order are skipped. */
export function locateTokens(text: string, tokens: readonly string[]): Span[] {
  const spans: Span[] = [];
  let cursor = 0;
  for (const raw of tokens) {
    // Tokenizers already hand out normalized words; only stray upper case needs folding.
    const token = raw.toLowerCase();
    if (token === '' || token === ' ') continue;
    const at = text.indexOf(token, cursor);
    if (at < 0) continue;
    spans.push({ start: at, end: at + token.length });
    cursor = at + token.length;
  }
  return spans;
}

const straddles = (m: Span, tokens: readonly Span[]): boolean =>
  tokens.some(
    (t) =>
      t.start < m.end &&
      m.start < t.end &&
      !(t.start >= m.start && t.end <= m.end) &&
      !(t.start <= m.start && t.end >= m.end),
  );

/** Keywords by their first UTF-16 unit: one pass over the text finds every candidate. */
type KeywordIndex = Map<number, CompiledKeyword[]>;
const indexes = new WeakMap<readonly CompiledKeyword[], KeywordIndex>();

function indexOf(keywords: readonly CompiledKeyword[]): KeywordIndex {
  let index = indexes.get(keywords);
  if (!index) {
    index = new Map();
    for (const k of keywords) {
      const first = k.normalized.charCodeAt(0);
      const list = index.get(first) ?? [];
      list.push(k);
      index.set(first, list);
    }
    indexes.set(keywords, index);
  }
  return index;
}

// A `word` keyword is a whole word only: no Latin letter or digit right before or after it.
const startsWord = (text: string, start: number): boolean =>
  !(start > 0 && LATIN_OR_DIGIT.test(text.charAt(start - 1)));
const endsWord = (text: string, end: number): boolean =>
  !(end < text.length && LATIN_OR_DIGIT.test(text.charAt(end)));

// English inflections a keyword may carry: printers, cameras, switches, printed, printing, jammed.
const INFLECTION = /^(?:'s|’s|s|es|ed|ing|ers?)/u;
const LATIN_END = /[a-z]$/;

const DOUBLED_BEFORE = /^(?:ed|ing|er)/;

/**
 * Whether a `word` keyword ending at `end` in `text` is followed by nothing but an English
 * inflection (printer → printers, print → printing, jam → jammed). Keywords of fewer than three
 * letters (ip, pc) take none: "ips" or "pcs" would as often be other words.
 */
function endsInflected(k: CompiledKeyword, text: string, end: number): boolean {
  if (k.normalized.length < 3 || !LATIN_END.test(k.normalized)) return false;
  let at = end;
  // A doubled final consonant before -ed/-ing/-er (jammed, scanning).
  if (
    text.charAt(at) === k.normalized.charAt(k.normalized.length - 1) &&
    DOUBLED_BEFORE.test(text.slice(at + 1))
  )
    at += 1;
  const suffix = INFLECTION.exec(text.slice(at, at + 4));
  return suffix !== null && endsWord(text, at + suffix[0].length);
}

/** Every occurrence of any keyword, in one scan of the text (most characters start no keyword). */
function occurrences(text: string, tokens: readonly string[], keywords: readonly CompiledKeyword[]) {
  const index = indexOf(keywords);
  const found: KeywordMatch[] = [];
  let spans: Span[] | null = null;
  let tokenAt: Set<number> | null = null;
  for (let i = 0; i < text.length; i++) {
    const starting = index.get(text.charCodeAt(i));
    if (!starting) continue;
    for (const k of starting) {
      if (!text.startsWith(k.normalized, i)) continue;
      const span = { start: i, end: i + k.normalized.length };
      if (k.kind === 'word') {
        // The span stays the keyword's own, so "print" in "printer" lies inside the keyword printer.
        if (startsWord(text, span.start) && (endsWord(text, span.end) || endsInflected(k, text, span.end)))
          found.push({ keyword: k, ...span, weight: k.weight });
        continue;
      }
      spans ??= locateTokens(text, tokens);
      if (k.kind === 'char') {
        // A single character counts only as a word of its own (卡 in 卡刷不了, not in 卡顿).
        tokenAt ??= new Set(spans.map((t) => t.start * 65536 + t.end));
        if (tokenAt.has(span.start * 65536 + span.end)) found.push({ keyword: k, ...span, weight: k.weight });
      } else {
        const weight = straddles(span, spans) ? k.weight * STRADDLE_FACTOR : k.weight;
        found.push({ keyword: k, ...span, weight });
      }
    }
  }
  return found;
}

/**
 * Every keyword found in `text` (already normalized), at most once per keyword and category. A match
 * lying inside a longer match is dropped: in 门禁卡 the 卡 of 一卡通 and the 门禁 of the same
 * category are not extra evidence, the longer keyword already says what the text is about.
 */
export function matchKeywords(
  text: string,
  tokens: readonly string[],
  keywords: readonly CompiledKeyword[],
): KeywordMatch[] {
  const all = occurrences(text, tokens, keywords);
  if (all.length === 0) return all;
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);

  const kept: KeywordMatch[] = [];
  for (const m of all) {
    const inside = kept.some(
      (k) => k.end - k.start > m.end - m.start && k.start <= m.start && m.end <= k.end,
    );
    if (!inside) kept.push(m);
  }

  const best = new Map<CompiledKeyword, KeywordMatch>();
  for (const m of kept) {
    const seen = best.get(m.keyword);
    if (!seen || m.weight > seen.weight) best.set(m.keyword, m);
  }
  return [...best.values()];
}
