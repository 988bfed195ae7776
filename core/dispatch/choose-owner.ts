import type { Person } from '../desk/person.js';
import { err, ok, type Result } from '../shared/result.js';
import { compareIds } from './compare-ids.js';
import { DISPATCH_ERROR_CODES, type NoOwner } from './dispatch.errors.js';

export interface OwnerChoice {
  personId: string;
  reason: {
    /** e.g. "服务台·在班·当前2单". */
    summary: string;
    /** True when no desk engineer is on shift and the owner was taken from the whole desk. */
    offShift: boolean;
    /** The pool the owner was picked from, best first. */
    candidates: Array<{ personId: string; openTickets: number }>;
  };
}

export interface ChooseOwnerInput {
  people: readonly Person[];
  onShift: ReadonlySet<string>;
  /** Open tickets each desk engineer owns (absent = 0). */
  openCounts: ReadonlyMap<string, number>;
}

/**
 * The overall owner (整体负责人): an active desk engineer on shift, the least loaded one, ties by id
 * so that two workers deciding the same ticket agree. A ticket is never left ownerless because the
 * rota has a gap: then any active desk engineer owns it, and the reason says they are off shift.
 */
export function chooseOwner({ people, onShift, openCounts }: ChooseOwnerInput): Result<OwnerChoice, NoOwner> {
  const desk = people.filter((p) => p.role === 'desk' && p.active);
  const onDuty = desk.filter((p) => onShift.has(p.id));
  const offShift = onDuty.length === 0;
  const pool = (offShift ? desk : onDuty)
    .map((p) => ({ personId: p.id, openTickets: openCounts.get(p.id) ?? 0 }))
    .sort((a, b) => a.openTickets - b.openTickets || compareIds(a.personId, b.personId));
  const best = pool[0];
  if (!best) {
    return err({
      code: DISPATCH_ERROR_CODES.NO_DESK,
      message:
        '名册中没有在职的服务台工程师，无法指定整体负责人。 / No active desk engineer in the roster to own the ticket.',
    });
  }
  return ok({
    personId: best.personId,
    reason: {
      summary: `服务台·${offShift ? '无人在班(非在班指派)' : '在班'}·当前${best.openTickets}单`,
      offShift,
      candidates: pool,
    },
  });
}
