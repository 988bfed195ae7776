import type { ShiftDefinition } from '../desk/desk-settings.js';
import { err, ok, type Result } from '../shared/result.js';
import { HANDOVER_ERROR_CODES, type HandoverError } from './handover.errors.js';

/**
 * A 交接班次 such as `早-中`: two shift names from desk.yaml joined by a dash (also `→`, `~`, `至`),
 * normalised to `早-中`. A single known name (`晚`) is accepted for leave in the middle of a shift.
 */
export function parseShiftChange(
  raw: string,
  shifts: readonly ShiftDefinition[],
): Result<string, HandoverError> {
  const names = new Set(shifts.map((s) => s.name));
  const parts = raw
    .trim()
    .split(/\s*(?:-|－|—|→|->|~|～|至)\s*/)
    .filter((p) => p !== '');
  const known = parts.length >= 1 && parts.length <= 2 && parts.every((p) => names.has(p));
  if (!known)
    return err({
      code: HANDOVER_ERROR_CODES.SHIFT_UNKNOWN,
      message: `"${raw}" is not a shift change such as ${exampleOf(shifts)}; shifts are ${[...names].join(', ')}.`,
    });
  return ok(parts.join('-'));
}

function exampleOf(shifts: readonly ShiftDefinition[]): string {
  const [a, b] = shifts;
  return a && b ? `${a.name}-${b.name}` : '早-中';
}
