import type { CategoryDefinition } from '../desk/desk-settings.js';
import { FALLBACK_MODULE_TYPE, type ModuleType } from '../desk/module-type.js';
import { hasHan, normalizeText } from './normalize-text.js';

/**
 * How a keyword is looked for:
 * - `phrase`: two or more characters with Chinese in them, found anywhere in the text (打印 in 打印不出来);
 * - `char`: a single Chinese character, only when the segmenter made it a word of its own (卡 in
 *   "卡刷不了", not in 卡顿);
 * - `word`: no Chinese, matched as whole words, case-insensitively (vpn, not the vpn in "vpnclient").
 */
export type KeywordKind = 'phrase' | 'char' | 'word';

export interface CompiledKeyword {
  category: ModuleType;
  /** As written in the configuration, for evidence. */
  keyword: string;
  normalized: string;
  kind: KeywordKind;
  weight: number;
  /** `word` only. */
  pattern: RegExp | null;
}

// A single Chinese character says little; longer keywords are more specific and count more.
const SINGLE_CHAR_WEIGHT = 0.5;
const MAX_WEIGHT = 6;

function weightOf(normalized: string, kind: KeywordKind): number {
  if (kind === 'char') return SINGLE_CHAR_WEIGHT;
  if (kind === 'phrase') return Math.min(MAX_WEIGHT, [...normalized.replace(/ /g, '')].length);
  // An English word carries about as much as a two-character Chinese word, very short ones (ip) less;
  // a phrase (blue screen) more. wi-fi is one word, like wifi.
  if (normalized.replace(/[^\p{L}\p{N}]/gu, '').length <= 2) return 1.5;
  return Math.min(MAX_WEIGHT, 1 + normalized.split(' ').length);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(category: ModuleType, keyword: string): CompiledKeyword | null {
  const normalized = normalizeText(keyword);
  if (normalized === '') return null;
  const kind: KeywordKind = hasHan(normalized) ? ([...normalized].length === 1 ? 'char' : 'phrase') : 'word';
  // Latin letters and digits on either side would make it part of a longer word (ip in zip, win in win10).
  const pattern =
    kind === 'word'
      ? new RegExp(
          `(?<![\\p{Script=Latin}\\p{N}])${escapeRegExp(normalized)}(?![\\p{Script=Latin}\\p{N}])`,
          'gu',
        )
      : null;
  return { category, keyword, normalized, kind, weight: weightOf(normalized, kind), pattern };
}

// Settings are loaded once per process; compiling their keywords once per settings object is enough.
const cache = new WeakMap<readonly CategoryDefinition[], CompiledKeyword[]>();

export function compileKeywords(categories: readonly CategoryDefinition[]): CompiledKeyword[] {
  const cached = cache.get(categories);
  if (cached) return cached;
  const seen = new Set<string>();
  const compiled: CompiledKeyword[] = [];
  for (const { name, keywords } of categories) {
    // A module type's own name (门禁系统, 视频系统) is the plainest evidence there is, listed or not;
    // 其他 is not: "其他同事也不行" is no report about other things.
    const implicit = name === FALLBACK_MODULE_TYPE ? [] : [name];
    for (const keyword of [...implicit, ...keywords]) {
      const k = compile(name, keyword);
      if (!k || seen.has(`${name}\u0000${k.normalized}`)) continue;
      seen.add(`${name}\u0000${k.normalized}`);
      compiled.push(k);
    }
  }
  cache.set(categories, compiled);
  return compiled;
}
