import type { ModuleType } from '../desk/module-type.js';
import type { EngineerLevel, Person } from '../desk/person.js';
import { err, ok, type Result } from '../shared/result.js';
import { scoreCandidate, type ScoreParts } from './candidate-score.js';
import { compareIds } from './compare-ids.js';
import {
  DISPATCH_ERROR_CODES,
  type NoAssignee,
  type Rejection,
  type RejectionReason,
} from './dispatch.errors.js';

export const ALL_AREAS = '*';

/**
 * One qualified engineer and the parts of the choice, in the order they are weighed: skill, area and
 * shift are required (every candidate has them); then fewer open tickets, then lower level.
 */
export interface DispatchCandidate {
  personId: string;
  openTickets: number;
  level: EngineerLevel | null;
  /** The area that covers the location (`*` = everywhere); null when no location was given. */
  area: string | null;
  /** 1 = chosen. */
  rank: number;
  score: ScoreParts;
}

/** Stored in the `dispatched` event: enough to explain the choice later, and no more. */
export interface DispatchReason {
  /** e.g. "打印机技能·覆盖行政楼·在班·当前3单·L1". */
  summary: string;
  category: ModuleType;
  /** The reported location; null means areas were not used to filter. */
  location: string | null;
  /** Everyone who qualified, best first (the chosen engineer is the first). */
  candidates: DispatchCandidate[];
  rejected: Rejection[];
}

export interface DispatchChoice {
  personId: string;
  reason: DispatchReason;
}

export interface ChooseAssigneeInput {
  category: ModuleType;
  location: string | null | undefined;
  people: readonly Person[];
  onShift: ReadonlySet<string>;
  /** Open tickets currently assigned to each engineer (absent = 0). */
  openCounts: ReadonlyMap<string, number>;
  /** Open tickets weighted by priority (e.g. P1 = 3 … P4 = 0.5); `openCounts` when absent. */
  openLoad?: ReadonlyMap<string, number>;
  /** Share (0..1) of each engineer's recent tickets of this category resolved without reassignment. */
  recentSuccess?: ReadonlyMap<string, number>;
  /** Engineers not to pick again (e.g. the one a ticket is being re-routed away from). */
  exclude?: readonly string[];
}

const normalize = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

/** The area of `person` that covers `location`: `*`, the first area named in it, or null. */
export function coveringArea(person: Person, location: string): string | null {
  if (person.areas.includes(ALL_AREAS)) return ALL_AREAS;
  const where = normalize(location);
  return person.areas.find((area) => normalize(area) !== '' && where.includes(normalize(area))) ?? null;
}

function rejectionOf(p: Person, input: ChooseAssigneeInput, location: string | null): RejectionReason | null {
  if (!p.active) return 'inactive';
  if (input.exclude?.includes(p.id)) return 'excluded';
  if (!p.skills.includes(input.category)) return 'no_skill';
  if (location !== null && coveringArea(p, location) === null) return 'area';
  if (!input.onShift.has(p.id)) return 'off_shift';
  return null;
}

// Unlevelled engineers rank after L3: a level is how the roster says who should go first.
const levelRank = (level: EngineerLevel | null): number => level ?? 99;

/**
 * The field engineer for a ticket (当前责任人), weighing what the process names: the engineer's
 * skill and area, being on shift, then workload; lower level first so experts stay free for
 * escalations; ids break the last tie so the choice is reproducible.
 */
export function chooseAssignee(input: ChooseAssigneeInput): Result<DispatchChoice, NoAssignee> {
  const location = input.location && input.location.trim() !== '' ? input.location.trim() : null;
  const candidates: Array<DispatchCandidate & { person: Person }> = [];
  const rejected: Rejection[] = [];
  for (const person of input.people) {
    if (person.role !== 'engineer') continue;
    const why = rejectionOf(person, input, location);
    if (why) rejected.push({ personId: person.id, why });
    else {
      const openTickets = input.openCounts.get(person.id) ?? 0;
      const area = location === null ? null : coveringArea(person, location);
      const score = scoreCandidate({
        load: input.openLoad?.get(person.id) ?? openTickets,
        area,
        level: person.level,
        recentSuccess: input.recentSuccess?.get(person.id) ?? null,
      });
      candidates.push({
        person,
        personId: person.id,
        openTickets,
        level: person.level,
        area,
        rank: 0,
        score,
      });
    }
  }
  candidates.sort(
    (a, b) =>
      b.score.total - a.score.total ||
      levelRank(a.level) - levelRank(b.level) ||
      compareIds(a.personId, b.personId),
  );
  const best = candidates[0];
  if (!best) {
    return err({
      code: DISPATCH_ERROR_CODES.NO_ENGINEER,
      message:
        `没有可派单的${input.category}工程师${location ? `（位置：${location}）` : ''}，工单留在服务台待分派。` +
        ` / No engineer available for ${input.category}${location ? ` at ${location}` : ''}; the ticket stays with the desk.`,
      rejected,
    });
  }
  return ok({
    personId: best.personId,
    reason: {
      summary: summarize(best.person, input.category, location, best.openTickets),
      category: input.category,
      location,
      candidates: candidates.map(({ personId, openTickets, level, area, score }, i) => ({
        ...{ personId, openTickets, level, area, score },
        rank: i + 1,
      })),
      rejected,
    },
  });
}

function summarize(person: Person, category: ModuleType, location: string | null, open: number): string {
  const area = location === null ? null : coveringArea(person, location);
  const parts = [
    `${category}技能`,
    location === null ? '未提供位置·不按区域筛选' : area === ALL_AREAS ? '覆盖全部区域' : `覆盖${area}`,
    '在班',
    `当前${open}单`,
  ];
  if (person.level !== null) parts.push(`L${person.level}`);
  return parts.join('·');
}
