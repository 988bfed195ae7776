import type { Person } from '../../desk/person.js';
import { peopleOnShift } from '../../dispatch/shift-calendar.js';
import { nextShiftEnd } from '../../handover/shift-ends.js';
import { addressOn, preferredStaffChannel } from '../../notify/contact-address.js';
import { unhandedTicketsText } from '../../notify/followup-text.js';
import type { Notification } from '../../ports/job-scheduler.port.js';
import type { StoredTimer, TimerHandler } from '../../ports/timer-scheduler.port.js';
import { OPEN_STATUSES } from '../../tickets/ticket-status.js';
import {
  HANDOVER_FAMILY,
  MAX_FLAG_REPEATS,
  SHIFT_END_KIND,
  shiftEndSubject,
  type HandoverDeps,
} from './handover-deps.js';

const MINUTE = 60_000;

/**
 * At every shift end, desk engineers going off duty who still own open tickets are flagged to
 * the desk engineers on the next shift (and the managers), again every `flagRepeatMinutes` until
 * the tickets are handed over. One timer per shift end and repeat (n); the first firing of each
 * shift end also sets the next one, and `start()` sets the first.
 */
export class ShiftEndWatch implements TimerHandler {
  readonly family = HANDOVER_FAMILY;

  constructor(private readonly deps: HandoverDeps) {}

  /** Schedules the next shift end from now; harmless to repeat (same key, same due time). */
  async start(): Promise<Date | null> {
    return this.scheduleNextAfter(this.deps.clock.now());
  }

  async fire(timer: StoredTimer, firedAt: Date): Promise<void> {
    if (timer.kind !== SHIFT_END_KIND) return;
    const endAt = new Date(String(timer.data.endAt));
    if (timer.n === 0) await this.scheduleNextAfter(endAt);
    const offDuty = Array.isArray(timer.data.offDuty) ? timer.data.offDuty.map(String) : [];
    const people = await this.deps.people.list();
    const byId = new Map(people.map((p) => [p.id, p]));
    const stillOwned = new Map<string, string[]>();
    for (const id of offDuty) {
      const page = await this.deps.tickets.list({
        status: [...OPEN_STATUSES],
        ownerId: id,
        limit: 200,
        offset: 0,
      });
      if (page.total > 0)
        stillOwned.set(
          id,
          page.tickets.map((t) => t.number),
        );
    }
    if (stillOwned.size === 0) return;
    const onShift = peopleOnShift(this.deps.desk, firedAt);
    const recipients = people.filter(
      (p) =>
        p.active &&
        ((p.role === 'desk' && onShift.has(p.id) && !offDuty.includes(p.id)) || p.role === 'manager'),
    );
    for (const [ownerId, numbers] of stillOwned)
      for (const n of this.flags(timer, ownerId, byId.get(ownerId)?.name ?? ownerId, numbers, recipients))
        await this.deps.jobs.enqueue({ kind: 'notify', notification: n });
    if (timer.n < MAX_FLAG_REPEATS)
      await this.deps.timers.schedule({
        ticketId: timer.ticketId,
        kind: SHIFT_END_KIND,
        n: timer.n + 1,
        dueAt: new Date(firedAt.getTime() + this.deps.flagRepeatMinutes * MINUTE),
        data: timer.data,
      });
  }

  private flags(
    timer: StoredTimer,
    ownerId: string,
    ownerName: string,
    numbers: string[],
    recipients: readonly Person[],
  ): Notification[] {
    const text = unhandedTicketsText(ownerName, numbers, timer.n);
    return recipients.flatMap((p) => {
      const channel = preferredStaffChannel(p, this.deps.enabledChannels);
      if (!channel) return [];
      return [
        {
          id: `${timer.ticketId}-${timer.n}-${ownerId}-${p.id}`,
          channel,
          purpose: 'triage' as const,
          ticketId: null,
          ticketNumber: numbers[0] ?? null,
          to: { personId: p.id, name: p.name, address: addressOn(channel, p), conversationId: null },
          text,
        },
      ];
    });
  }

  private async scheduleNextAfter(after: Date): Promise<Date | null> {
    const people = await this.deps.people.list();
    const desk = new Set(people.filter((p) => p.role === 'desk' && p.active).map((p) => p.id));
    const end = nextShiftEnd(this.deps.desk, after, (id) => desk.has(id));
    if (!end) return null;
    await this.deps.timers.schedule({
      ticketId: shiftEndSubject(end.at),
      kind: SHIFT_END_KIND,
      n: 0,
      dueAt: end.at,
      data: { endAt: end.at.toISOString(), shifts: end.shifts, offDuty: end.offDuty },
    });
    return end.at;
  }
}
