import { matchCues, type Cue } from './cue-rules.js';
import type { TriageVerdict } from './triage-classifier.js';

/** Where a classified ticket goes next, and why (stored in the triage_needed event). */
export type TriageRoute =
  | { kind: 'dispatch' }
  /** The classifier is unsure: the desk picks the category from the suggestions. */
  | { kind: 'desk_triage'; why: string; suggestions: Array<{ label: string; p: number }> }
  /** The desk can solve it remotely (password, account, software, driver): no field visit first. */
  | { kind: 'remote_first'; why: string; cue: string };

export interface RouteInput {
  text: string;
  verdict: TriageVerdict;
  /** The reporter picked the category on the form: confidence does not matter then. */
  chosenByReporter: boolean;
  threshold: number;
  remoteFirst: readonly string[];
}

const percent = (p: number): string => `${Math.round(p * 100)}%`;

// The cue list must be the same object each time for matchCues' compiled cache to hold.
const remoteCues = new WeakMap<readonly string[], Cue[]>();
function remoteCuesOf(phrases: readonly string[]): Cue[] {
  let cues = remoteCues.get(phrases);
  if (!cues) remoteCues.set(phrases, (cues = [{ label: 'remote', phrases, weight: 1 }]));
  return cues;
}

export function routeAfterClassify(input: RouteInput): TriageRoute {
  const { verdict } = input;
  if (verdict.type.value !== 'complaint') {
    const cue = matchCues(input.text, remoteCuesOf(input.remoteFirst)).found[0];
    if (cue)
      return {
        kind: 'remote_first',
        cue: cue.phrase,
        why: `可由服务台远程处理（${cue.phrase}），先远程解决，解决不了再派现场。 / The desk can solve this remotely (${cue.phrase}); remote first, field visit only if that fails.`,
      };
  }
  if (!input.chosenByReporter && verdict.category.confidence < input.threshold) {
    const suggestions = verdict.category.top;
    const listed = suggestions.map((s) => `${s.label} ${percent(s.p)}`).join(' / ');
    return {
      kind: 'desk_triage',
      suggestions,
      why: `分类把握不足（${percent(verdict.category.confidence)} < ${percent(input.threshold)}），请服务台确认类别：${listed} / Category uncertain; please confirm: ${listed}`,
    };
  }
  return { kind: 'dispatch' };
}
