import type { DeskSettings } from '../desk/desk-settings.js';
import type { Channel } from '../inbound/channel.js';
import type { CallRepository, CallUpsertOutcome, StoredCall } from '../ports/call.repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { JobScheduler } from '../ports/job-scheduler.port.js';
import type { PersonRepository } from '../ports/person.repository.port.js';
import type { CallRecord } from './call-record.js';
import { normalizeNumber } from './desk-call.js';
import { planCallback } from './plan-callback.js';

export interface RecordCallsDeps {
  calls: CallRepository;
  people: PersonRepository;
  jobs: JobScheduler;
  clock: Clock;
  desk: Pick<DeskSettings, 'shifts' | 'rota' | 'timezone'>;
  staffChannels: ReadonlySet<Channel>;
  callbackMaxAgeMinutes: number;
}

export interface RecordCallsOutcome {
  inserted: number;
  merged: number;
  unchanged: number;
  /** Missed hotline calls handed to a desk engineer to ring back: call id → engineer id. */
  callbacks: Array<{ callId: string; personId: string; notified: boolean }>;
}

/**
 * Stores calls (webhook or import) and turns each newly missed hotline call into a call-back task:
 * recorded on the call (callback_person_id, set once) and pushed to the engineer as a `callback`
 * notification whose id is derived from the call, so redeliveries never ring twice.
 */
export class RecordCallsUseCase {
  constructor(private readonly deps: RecordCallsDeps) {}

  async execute(records: CallRecord[]): Promise<RecordCallsOutcome> {
    const outcome = await this.deps.calls.upsertMany(records);
    return this.afterWrite(outcome);
  }

  async afterWrite(outcome: CallUpsertOutcome): Promise<RecordCallsOutcome> {
    const result: RecordCallsOutcome = {
      inserted: outcome.inserted.length,
      merged: outcome.updated.length,
      unchanged: outcome.unchanged.length,
      callbacks: [],
    };
    const written = [...outcome.inserted, ...outcome.updated].filter((c) => c.callbackPersonId === null);
    if (written.length === 0) return result;
    let roster: Awaited<ReturnType<PersonRepository['list']>> | null = null;
    for (const call of written) {
      if (!call.isDeskCall || call.disposition === 'ANSWERED') continue;
      roster ??= await this.deps.people.list();
      const caller = this.callerOf(call, roster);
      const plan = planCallback({
        call,
        caller,
        people: roster,
        desk: this.deps.desk,
        staffChannels: this.deps.staffChannels,
        now: this.deps.clock.now(),
        maxAgeMinutes: this.deps.callbackMaxAgeMinutes,
      });
      if (plan.kind === 'none') continue;
      if (!(await this.deps.calls.markCallback(call.id, plan.assigneeId))) continue;
      if (plan.notification)
        await this.deps.jobs.enqueue({ kind: 'notify', notification: plan.notification });
      result.callbacks.push({
        callId: call.id,
        personId: plan.assigneeId,
        notified: plan.notification !== null,
      });
    }
    return result;
  }

  private callerOf(call: StoredCall, roster: Awaited<ReturnType<PersonRepository['list']>>) {
    const number = normalizeNumber(call.caller);
    if (number === '') return null;
    return roster.find((p) => p.phone !== null && normalizeNumber(p.phone) === number) ?? null;
  }
}
