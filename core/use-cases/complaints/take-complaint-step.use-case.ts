import { applyComplaintStep } from '../../complaints/complaint-steps.js';
import type { ComplaintParty, ComplaintStep } from '../../complaints/complaint-status.js';
import type { Complaint, ComplaintActor } from '../../complaints/complaint.entity.js';
import { COMPLAINT_ERROR_CODES } from '../../complaints/complaint.errors.js';
import { complaintDecisionText } from '../../notify/followup-text.js';
import { err, ok, type Result } from '../../shared/result.js';
import { permanent, retryable, type UseCaseError } from '../use-case.errors.js';
import type { ComplaintDeps } from './complaint-deps.js';
import { nextStepNotifications, toComplainant } from './complaint-notifications.js';
import { followStep, ticketOf } from './complaint-progress.js';

export interface TakeComplaintStepCommand {
  complaintId: string;
  step: ComplaintStep;
  /**
   * Who acts: a roster person (their role decides what they may do), or `complainant` for the
   * person who complained (a complainant in the roster may also be named by their id).
   */
  by: { personId: string } | { complainant: true };
  note?: string | null;
  upheld?: boolean;
  rating?: number;
}

/**
 * One step of the complaint process (核实 → 上报 → 决定 → 反馈 → 评价 → 关闭), taken only by the role
 * entitled to it, recorded on the complaint and as a `complaint` event on its ticket, with the
 * reminder moved to the next step and whoever owes it told.
 */
export class TakeComplaintStepUseCase {
  constructor(private readonly deps: ComplaintDeps) {}

  async execute(cmd: TakeComplaintStepCommand): Promise<Result<Complaint, UseCaseError>> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const c = await this.deps.complaints.findById(cmd.complaintId);
      if (!c) return err(permanent(COMPLAINT_ERROR_CODES.NOT_FOUND, `No complaint ${cmd.complaintId}.`));
      const who = await this.actor(c, cmd.by);
      if (!who.ok) return who;
      const at = this.deps.clock.now();
      const applied = applyComplaintStep(c, {
        step: cmd.step,
        at,
        party: who.value.party,
        actor: who.value.actor,
        note: cmd.note ?? null,
        ...(cmd.upheld !== undefined ? { upheld: cmd.upheld } : {}),
        ...(cmd.rating !== undefined ? { rating: cmd.rating } : {}),
      });
      if (!applied.ok)
        return err(permanent(applied.error.code, applied.error.message, applied.error.details));
      const saved = await this.deps.complaints.save(applied.value.complaint);
      if (!saved.saved) continue;
      const done = saved.complaint;
      const [people, ticket] = await Promise.all([this.deps.people.list(), ticketOf(this.deps, done)]);
      const notifications =
        cmd.step === 'feed_back'
          ? [
              toComplainant(
                done,
                this.deps.enabledChannels,
                `complaint-decision-${done.id}`,
                complaintDecisionText(done, applied.value.record.note),
              ),
            ]
          : nextStepNotifications(done, people, ticket, this.deps, false);
      await followStep(this.deps, done, applied.value.record, c.status, notifications, {
        ...(cmd.step === 'decide' ? { upheld: done.upheld } : {}),
        ...(cmd.step === 'rate' ? { rating: done.rating } : {}),
      });
      return ok(done);
    }
    return err(
      retryable(COMPLAINT_ERROR_CODES.CONCURRENT_UPDATE, `${cmd.complaintId} kept changing; try again.`),
    );
  }

  private async actor(
    c: Complaint,
    by: TakeComplaintStepCommand['by'],
  ): Promise<Result<{ party: ComplaintParty | 'unknown'; actor: ComplaintActor }, UseCaseError>> {
    const complainant: ComplaintActor = {
      kind: 'complainant',
      id: c.complainant.personId,
      name: c.complainant.name,
    };
    if ('complainant' in by) return ok({ party: 'complainant', actor: complainant });
    const person = await this.deps.people.findById(by.personId);
    if (!person || !person.active)
      return err(permanent('PERSON_NOT_FOUND', `No active person ${by.personId} in the roster.`));
    // The complainant acts as complainant (to rate), whatever their roster role.
    if (person.id === c.complainant.personId && c.status === 'fed_back')
      return ok({ party: 'complainant', actor: complainant });
    return ok({ party: person.role, actor: { kind: 'person', id: person.id, name: person.name } });
  }
}
