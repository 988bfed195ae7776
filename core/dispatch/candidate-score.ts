import type { EngineerLevel } from '../desk/person.js';

/**
 * The parts of a candidate's dispatch score, stored in the `dispatched` event so anyone can see why
 * one engineer was chosen over another. Workload dominates (one open ticket outweighs every other
 * part together), so a burst of reports is still spread; area, level and track record decide
 * between engineers equally loaded.
 */
export interface ScoreParts {
  /** Minus the open tickets (priority-weighted when the caller gives weights). */
  workload: number;
  /** A named area covering the location beats `*` (someone based there gets there sooner). */
  area: number;
  /** Lower levels first, so experts stay free for escalations. */
  level: number;
  /** Share of recent tickets of this category resolved without reassignment, when known. */
  success: number;
  total: number;
}

const AREA_NAMED = 0.3;
const LEVEL_STEP = 0.1;
const SUCCESS_WEIGHT = 0.2;

export function scoreCandidate(input: {
  load: number;
  area: string | null;
  level: EngineerLevel | null;
  recentSuccess: number | null;
}): ScoreParts {
  const workload = -input.load;
  const area = input.area !== null && input.area !== '*' ? AREA_NAMED : 0;
  // Unlevelled engineers rank after L3: a level is how the roster says who should go first.
  const level = -LEVEL_STEP * ((input.level ?? 4) - 1);
  const success =
    input.recentSuccess === null ? 0 : SUCCESS_WEIGHT * Math.min(1, Math.max(0, input.recentSuccess));
  // `|| 0`: no -0 in the stored explanation.
  const round = (n: number): number => Math.round(n * 1000) / 1000 || 0;
  return {
    workload: round(workload),
    area: round(area),
    level: round(level),
    success: round(success),
    total: round(workload + area + level + success),
  };
}
