import type { CompiledKeyword } from './keyword-set.js';
import { normalizeText } from './normalize-text.js';

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

/** Where each token sits in the normalized text; tokens that cannot be found in order are skipped. */
export function locateTokens(text: string, tokens: readonly string[]): Span[] {
  const spans: Span[] = [];
  let cursor = 0;
  for (const raw of tokens) {
    const token = normalizeText(raw);
    if (token === '') continue;
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

function occurrences(
  text: string,
  k: CompiledKeyword,
  tokens: readonly Span[],
  tokenAt: Set<string>,
): KeywordMatch[] {
  const found: KeywordMatch[] = [];
  // Most keywords are absent from any one report; a plain substring test rules them out cheaply.
  if (!text.includes(k.normalized)) return found;
  if (k.kind === 'word' && k.pattern) {
    for (const m of text.matchAll(k.pattern)) {
      found.push({ keyword: k, start: m.index, end: m.index + m[0].length, weight: k.weight });
    }
    return found;
  }
  for (let at = text.indexOf(k.normalized); at >= 0; at = text.indexOf(k.normalized, at + 1)) {
    const span = { start: at, end: at + k.normalized.length };
    if (k.kind === 'char') {
      if (tokenAt.has(`${span.start}:${span.end}`)) found.push({ keyword: k, ...span, weight: k.weight });
    } else {
      const weight = straddles(span, tokens) ? k.weight * STRADDLE_FACTOR : k.weight;
      found.push({ keyword: k, ...span, weight });
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
  const tokenSpans = locateTokens(text, tokens);
  const tokenAt = new Set(tokenSpans.map((t) => `${t.start}:${t.end}`));
  const all = keywords.flatMap((k) => occurrences(text, k, tokenSpans, tokenAt));
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);

  const kept: KeywordMatch[] = [];
  for (const m of all) {
    const inside = kept.some(
      (k) => k.end - k.start > m.end - m.start && k.start <= m.start && m.end <= k.end,
    );
    if (!inside) kept.push(m);
  }

  const best = new Map<string, KeywordMatch>();
  for (const m of kept) {
    const key = `${m.keyword.category}\u0000${m.keyword.normalized}`;
    const seen = best.get(key);
    if (!seen || m.weight > seen.weight) best.set(key, m);
  }
  return [...best.values()];
}
