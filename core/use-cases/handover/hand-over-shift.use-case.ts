import type { Person } from '../../desk/person.js';
import type { Handover, HandoverItem } from '../../handover/handover.entity.js';
import { HANDOVER_ERROR_CODES } from '../../handover/handover.errors.js';
import { progressSummary } from '../../handover/progress-summary.js';
import { parseShiftChange } from '../../handover/shift-change.js';
import { localDateTime } from '../../shared/local-time.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import type { Actor } from '../../tickets/ticket-event.js';
import { OPEN_STATUSES } from '../../tickets/ticket-status.js';
import type { Channel } from '../../inbound/channel.js';
import { permanent, type UseCaseError } from '../use-case.errors.js';
import type { HandoverDeps } from './handover-deps.js';
import { handoverNotifications } from './handover-notifications.js';

export interface HandOverShiftCommand {
  /** Idempotency key: `<channel>:<message id>` of the 交接 command, or the API's Idempotency-Key. */
  sourceKey: string;
  fromId: string;
  toId: string;
  /** 交接班次 as typed: `早-中`. */
  shift: string;
  notes?: string | null;
  channel: Channel | 'system';
  /** Who gave the command (usually the outgoing engineer; a manager may hand over for them). */
  actor?: Actor;
}

const HANDOVER_ROLES = new Set(['desk', 'manager']);

/**
 * 交接班: every open ticket the outgoing desk engineer owns passes to the successor, whose
 * ownership starts now (a `handed_over` event per ticket, with the latest progress). The handover
 * is recorded first, with the tickets it covers, so a retried command finishes the same handover
 * instead of starting an empty one; then the successor is mailed, the managers in copy.
 */
export class HandOverShiftUseCase {
  constructor(private readonly deps: HandoverDeps) {}

  async execute(cmd: HandOverShiftCommand): Promise<Result<Handover, UseCaseError>> {
    const shift = parseShiftChange(cmd.shift, this.deps.desk.shifts);
    if (!shift.ok) return err(permanent(shift.error.code, shift.error.message));
    const people = await this.deps.people.list();
    const from = this.person(people, cmd.fromId);
    const to = this.person(people, cmd.toId);
    if (!from.ok) return from;
    if (!to.ok) return to;
    if (from.value.id === to.value.id)
      return err(permanent(HANDOVER_ERROR_CODES.SAME_PERSON, 'Hand over to someone else.'));

    const existing = await this.deps.handovers.findBySourceKey(cmd.sourceKey);
    const at = existing?.at ?? this.deps.clock.now();
    const handover =
      existing ??
      (
        await this.deps.handovers.record({
          id: `HO-${this.deps
            .newId()
            .replace(/[^0-9a-z]/gi, '')
            .slice(0, 10)
            .toUpperCase()}`,
          sourceKey: cmd.sourceKey,
          fromId: from.value.id,
          fromName: from.value.name,
          toId: to.value.id,
          toName: to.value.name,
          shift: shift.value,
          notes: cmd.notes?.trim() || null,
          items: await this.itemsOwnedBy(from.value.id),
          at,
        })
      ).handover;

    const actor: Actor = cmd.actor ?? { kind: 'person', id: from.value.id, name: from.value.name };
    for (const item of handover.items) await this.pass(item, handover, actor, cmd.channel);

    const managers = people.filter((p) => p.role === 'manager' && p.active);
    const format = (d: Date) => localDateTime(d, this.deps.desk.timezone);
    for (const n of handoverNotifications(handover, to.value, managers, this.deps.enabledChannels, format))
      await this.deps.jobs.enqueue({ kind: 'notify', notification: n });
    return ok(handover);
  }

  private person(people: readonly Person[], id: string): Result<Person, UseCaseError> {
    const p = people.find((x) => x.id === id && x.active);
    if (!p)
      return err(permanent(HANDOVER_ERROR_CODES.PERSON_NOT_FOUND, `No active person ${id} in the roster.`));
    if (!HANDOVER_ROLES.has(p.role))
      return err(
        permanent(HANDOVER_ERROR_CODES.NOT_DESK, `${p.name} is ${p.role}; only the desk hands over shifts.`),
      );
    return ok(p);
  }

  private async itemsOwnedBy(ownerId: string): Promise<HandoverItem[]> {
    const owned: Ticket[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.deps.tickets.list({ status: [...OPEN_STATUSES], ownerId, limit: 200, offset });
      owned.push(...page.tickets);
      if (page.tickets.length < 200) break;
    }
    const items: HandoverItem[] = [];
    for (const t of owned.sort((a, b) => a.number.localeCompare(b.number))) {
      const [events, messages] = await Promise.all([
        this.deps.tickets.events(t.id),
        this.deps.tickets.messages(t.id),
      ]);
      const progress = progressSummary(t, events, messages);
      items.push({
        ticketId: t.id,
        ticketNumber: t.number,
        status: t.status,
        latestProgress: progress.text,
        latestAt: progress.at,
      });
    }
    return items;
  }

  /** Moves one ticket to the successor unless it already moved (a retry) or someone else took it. */
  private async pass(
    item: HandoverItem,
    h: Handover,
    actor: Actor,
    channel: Channel | 'system',
  ): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const t = await this.deps.tickets.findById(item.ticketId);
      if (!t || t.ownerId !== h.fromId) return;
      const at = this.deps.clock.now();
      const saved = await this.deps.tickets.save({ ...t, ownerId: h.toId, updatedAt: at }, [
        {
          type: 'handed_over',
          at,
          actor,
          channel,
          fromStatus: null,
          toStatus: null,
          data: {
            handoverId: h.id,
            previousOwnerId: h.fromId,
            ownerId: h.toId,
            shift: h.shift,
            progress: item.latestProgress,
            ...(h.notes ? { notes: h.notes } : {}),
          },
        },
      ]);
      if (saved.ok) return;
    }
  }
}
