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

const compiled = new WeakMap<
  readonly Cue[],
  Array<{ label: string; phrase: string; normalized: string; weight: number; re: RegExp }>
>();
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(cues: readonly Cue[]) {
  let list = compiled.get(cues);
  if (!list) {
    list = cues.flatMap((c) =>
      c.phrases.map((phrase) => {
        const p = normalizeText(phrase);
        const latin = /^[\p{Script=Latin}\p{N}]/u.test(p);
        return {
          label: c.label,
          phrase,
          normalized: p,
          weight: c.weight,
          re: new RegExp(latin ? `(?<![\\p{Script=Latin}])${escape(p)}` : escape(p), 'u'),
        };
      }),
    );
    compiled.set(cues, list);
  }
  return list;
}

/** Sums the weights of the cues found in `text` per label (each phrase counts once). */
export function matchCues(text: string, cues: readonly Cue[]): CueMatch {
  const normalized = normalizeText(text);
  const scores: Record<string, number> = {};
  const found: CueMatch['found'] = [];
  for (const cue of compile(cues)) {
    if (!normalized.includes(cue.normalized) || !cue.re.test(normalized)) continue;
    scores[cue.label] = (scores[cue.label] ?? 0) + cue.weight;
    found.push({ label: cue.label, phrase: cue.phrase });
  }
  found.sort((a, b) => (scores[b.label] ?? 0) - (scores[a.label] ?? 0));
  return { scores, found };
}
