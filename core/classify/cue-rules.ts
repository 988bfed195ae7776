import { normalizeText } from './normalize-text.js';

/** A phrase that hints at a label; English cues match at word starts, Chinese ones anywhere. */
export interface Cue {
  label: string;
  phrases: readonly string[];
  weight: number;
}

export interface CueMatch {
  scores: Record<string, number>;
  /** The phrases found, strongest label first. */
  found: Array<{ label: string; phrase: string }>;
}

interface CompiledCue {
  label: string;
  phrase: string;
  normalized: string;
  weight: number;
  /** Latin cues must start a word ("unlock", not the "unlock" in "reunlock"). */
  wordStart: boolean;
}

/** Cues by the first UTF-16 unit of their normal form: one pass over the text finds them all. */
const compiled = new WeakMap<readonly Cue[], Map<number, CompiledCue[]>>();
const LATIN = /\p{Script=Latin}/u;

function compile(cues: readonly Cue[]): Map<number, CompiledCue[]> {
  let index = compiled.get(cues);
  if (!index) {
    index = new Map();
    for (const c of cues)
      for (const phrase of c.phrases) {
        const normalized = normalizeText(phrase);
        if (normalized === '') continue;
        const wordStart = /^[\p{Script=Latin}\p{N}]/u.test(normalized);
        const first = normalized.charCodeAt(0);
        const list = index.get(first) ?? [];
        list.push({ label: c.label, phrase, normalized, weight: c.weight, wordStart });
        index.set(first, list);
      }
    compiled.set(cues, index);
  }
  return index;
}

/** Sums the weights of the cues found in `text` per label (each phrase counts once). */
export function matchCues(text: string, cues: readonly Cue[]): CueMatch {
  const normalized = normalizeText(text);
  const index = compile(cues);
  const scores: Record<string, number> = {};
  const found: CueMatch['found'] = [];
  let seen: Set<CompiledCue> | null = null;
  for (let i = 0; i < normalized.length; i++) {
    const starting = index.get(normalized.charCodeAt(i));
    if (!starting) continue;
    for (const cue of starting) {
      if (!normalized.startsWith(cue.normalized, i)) continue;
      if (cue.wordStart && i > 0 && LATIN.test(normalized.charAt(i - 1))) continue;
      seen ??= new Set();
      if (seen.has(cue)) continue;
      seen.add(cue);
      scores[cue.label] = (scores[cue.label] ?? 0) + cue.weight;
      found.push({ label: cue.label, phrase: cue.phrase });
    }
  }
  found.sort((a, b) => (scores[b.label] ?? 0) - (scores[a.label] ?? 0));
  return { scores, found };
}
