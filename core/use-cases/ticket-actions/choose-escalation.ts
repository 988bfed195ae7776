import type { Person } from '../../desk/person.js';
import { chooseAssignee, type DispatchChoice } from '../../dispatch/choose-assignee.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { Ticket } from '../../tickets/ticket.entity.js';

export interface EscalationChoice extends DispatchChoice {
  /** Nobody senior was on shift: an off-duty expert was called in. */
  offShift: boolean;
  fromLevel: number | null;
}

/**
 * The more senior engineer a stuck ticket goes to (更高级别的工程师): dispatch's own choice
 * (skill, area, shift, workload) among engineers above the current assignee's level. With nobody
 * senior on duty an off-duty one is called in rather than leaving the ticket stuck.
 */
export function chooseEscalation(
  t: Ticket,
  people: readonly Person[],
  onShift: ReadonlySet<string>,
  openCounts: ReadonlyMap<string, number>,
): Result<EscalationChoice, string> {
  const current = t.assigneeId ? people.find((p) => p.id === t.assigneeId) : undefined;
  const fromLevel = current?.level ?? null;
  const floor = fromLevel ?? 0;
  const senior = people.filter((p) => p.role === 'engineer' && (p.level ?? 0) > floor);
  const base = {
    category: t.category ?? '其他',
    location: t.location ?? t.reporter.officeLocation,
    people: senior,
    openCounts,
    exclude: t.assigneeId ? [t.assigneeId] : [],
  } as const;
  const onDuty = chooseAssignee({ ...base, onShift });
  if (onDuty.ok) return ok({ ...onDuty.value, offShift: false, fromLevel });
  const anyone = chooseAssignee({ ...base, onShift: new Set(senior.map((p) => p.id)) });
  if (anyone.ok) return ok({ ...anyone.value, offShift: true, fromLevel });
  return err(
    `没有比${fromLevel ? `L${fromLevel}` : '当前工程师'}更高级别、具备${base.category}技能的工程师可升级，请联系运维经理。`,
  );
}
