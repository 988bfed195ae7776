import type { Role } from '../desk/person.js';

/** 投诉处理流程, one status per step done (process doc: verify → report → decide → feed back → rate). */
export const COMPLAINT_STATUSES = [
  'submitted',
  'verified',
  'reported',
  'decided',
  'fed_back',
  'rated',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Who may take a step: roster roles, or the person who complained. */
export type ComplaintParty = Role | 'complainant';

/**
 * The process as data: each step, the status it leaves, the status it reaches and who is entitled
 * to take it. Nothing else decides whether a step is allowed.
 */
export const COMPLAINT_STEPS = {
  /** 服务台核实: the desk checks that the complaint is objective and true. */
  verify: { from: 'submitted', to: 'verified', by: ['desk', 'manager'] },
  /** 上报: complaint and verification go to the IT department head. */
  report: { from: 'verified', to: 'reported', by: ['desk', 'manager'] },
  /** 处理决定 by the IT head; records whether the complaint is upheld. */
  decide: { from: 'reported', to: 'decided', by: ['it_head'] },
  /** 反馈: the desk tells the complainant the decision. */
  feed_back: { from: 'decided', to: 'fed_back', by: ['desk', 'manager'] },
  /** The complainant rates how the complaint was handled. */
  rate: { from: 'fed_back', to: 'rated', by: ['complainant'] },
  close: { from: 'rated', to: 'closed', by: ['desk', 'manager'] },
} as const satisfies Record<
  string,
  { from: ComplaintStatus; to: ComplaintStatus; by: readonly ComplaintParty[] }
>;

export type ComplaintStep = keyof typeof COMPLAINT_STEPS;
export const COMPLAINT_STEP_NAMES = Object.keys(COMPLAINT_STEPS) as ComplaintStep[];

/** The step a complaint in `status` waits for (null once closed). */
export function nextStepOf(status: ComplaintStatus): ComplaintStep | null {
  return COMPLAINT_STEP_NAMES.find((s) => COMPLAINT_STEPS[s].from === status) ?? null;
}

export function partiesFor(step: ComplaintStep): readonly ComplaintParty[] {
  return COMPLAINT_STEPS[step].by;
}
