import { err, ok, type Result } from '../shared/result.js';
import type { Complaint, ComplaintActor, ComplaintStepRecord } from './complaint.entity.js';
import { COMPLAINT_STEPS, type ComplaintParty, type ComplaintStep } from './complaint-status.js';
import { detailsRequired, invalidStep, notEntitled, type ComplaintError } from './complaint.errors.js';

export interface ComplaintStepInput {
  step: ComplaintStep;
  at: Date;
  /** The role the actor acts in: their roster role, or `complainant` for the person who complained. */
  party: ComplaintParty | 'unknown';
  actor: ComplaintActor;
  note?: string | null;
  /** decide: whether the complaint is upheld (成立). */
  upheld?: boolean;
  /** rate: 1 非常不满意 … 5 非常满意. */
  rating?: number;
}

/** Steps whose record is meaningless without words: what was found, decided, told. */
const NEEDS_NOTE: ReadonlySet<ComplaintStep> = new Set(['verify', 'decide', 'feed_back']);

function checkDetails(input: ComplaintStepInput): ComplaintError | null {
  const note = input.note?.trim() ?? '';
  if (NEEDS_NOTE.has(input.step) && note === '') return detailsRequired(input.step, 'a note');
  if (input.step === 'decide' && typeof input.upheld !== 'boolean')
    return detailsRequired('decide', 'upheld: true or false');
  if (
    input.step === 'rate' &&
    !(Number.isInteger(input.rating) && (input.rating ?? 0) >= 1 && (input.rating ?? 0) <= 5)
  )
    return detailsRequired('rate', 'a rating from 1 to 5');
  return null;
}

/**
 * Takes one step of the complaint process. Pure: the status must be the one the step leaves, the
 * actor must act in a role entitled to it, and the step's details must be there; the result is the
 * changed complaint and the step record appended to its history.
 */
export function applyComplaintStep(
  complaint: Complaint,
  input: ComplaintStepInput,
): Result<{ complaint: Complaint; record: ComplaintStepRecord }, ComplaintError> {
  const rule = COMPLAINT_STEPS[input.step];
  if (rule.from !== complaint.status) return err(invalidStep(input.step, complaint.status));
  const allowed: readonly ComplaintParty[] = rule.by;
  if (input.party === 'unknown' || !allowed.includes(input.party))
    return err(notEntitled(input.step, input.party, allowed));
  const problem = checkDetails(input);
  if (problem) return err(problem);

  const note = input.note?.trim() || null;
  const record: ComplaintStepRecord = { step: input.step, at: input.at, actor: input.actor, note };
  const next: Complaint = {
    ...complaint,
    status: rule.to,
    updatedAt: input.at,
    steps: [...complaint.steps, record],
  };
  if (input.step === 'decide') {
    next.upheld = input.upheld ?? null;
    next.decision = note;
  }
  if (input.step === 'rate') next.rating = input.rating ?? null;
  return ok({ complaint: next, record });
}
