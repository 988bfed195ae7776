import type { AlertRepository } from '../ports/alert.repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { IntakeGateway } from '../ports/intake-gateway.port.js';
import type { TicketRepository } from '../ports/ticket.repository.port.js';
import { isOpen } from '../tickets/ticket-status.js';
import { transition } from '../tickets/ticket-lifecycle.js';
import { canApply } from '../tickets/ticket-transitions.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { SYSTEM, type TicketEvent } from '../tickets/ticket-event.js';
import type { AlertSettings } from './alert-settings.js';
import type { AlertRecord, NormalizedAlert } from './alert.entity.js';
import { alertTicketFields, alertToInbound } from './map-alert.js';

export type AlertOutcome =
  | { fingerprint: string; result: 'opened'; ticketNumber: string | null }
  | { fingerprint: string; result: 'repeated'; ticketNumber: string; fireCount: number }
  | { fingerprint: string; result: 'resolved'; ticketNumber: string }
  /** The ticket was not in a state the desk may resolve from (e.g. dispatched): the event says so. */
  | { fingerprint: string; result: 'resolve_recorded'; ticketNumber: string; status: string }
  | { fingerprint: string; result: 'resolved_without_ticket' };

export interface ReceiveAlertsDeps {
  alerts: AlertRepository;
  tickets: TicketRepository;
  intake: IntakeGateway;
  clock: Clock;
  settings: AlertSettings;
  /** How long to wait for the intake job to store a new alert's ticket. */
  intakeWaitMs: number;
}

const ACTOR = SYSTEM('alerts');

/**
 * Monitoring alerts as tickets through the ordinary intake: the first firing opens a ticket
 * (channel `alert`), a repeat while it is open only adds an `alert` event, and the recovery
 * resolves it as the system when the lifecycle allows (else it is recorded and left to the desk).
 */
export class ReceiveAlertsUseCase {
  constructor(private readonly deps: ReceiveAlertsDeps) {}

  async execute(alerts: NormalizedAlert[], payload: object): Promise<AlertOutcome[]> {
    const out: AlertOutcome[] = [];
    for (const alert of alerts)
      out.push(
        alert.status === 'firing' ? await this.firing(alert, payload) : await this.resolved(alert, payload),
      );
    return out;
  }

  private async firing(alert: NormalizedAlert, payload: object): Promise<AlertOutcome> {
    const { alerts, clock } = this.deps;
    const now = clock.now();
    const record = await alerts.find(alert.source, alert.fingerprint);
    const ticket = record ? await this.ticketOf(record) : null;
    if (record && record.status === 'firing' && ticket && isOpen(ticket.status)) {
      const fireCount = await alerts.seen(alert.source, alert.fingerprint, now, payload);
      await this.deps.tickets.appendEvents(ticket.id, [
        this.event('firing', {
          fingerprint: alert.fingerprint,
          fireCount,
          severity: alert.severity,
          text: alert.text,
        }),
      ]);
      return { fingerprint: alert.fingerprint, result: 'repeated', ticketNumber: ticket.number, fireCount };
    }
    // A firing whose ticket is still on its way through intake re-submits the same message (idempotent);
    // anything else is a new incident with its own message id.
    const pending = record && record.status === 'firing' && !ticket;
    const startsAt = (alert.startsAt ?? now).toISOString();
    const externalId = pending
      ? record.openingExternalId
      : `${alert.source}:${alert.fingerprint}:${startsAt}:${(record?.fireCount ?? 0) + 1}`;
    if (!pending)
      await alerts.open(
        {
          source: alert.source,
          fingerprint: alert.fingerprint,
          status: 'firing',
          openingExternalId: externalId,
          title: alert.title.slice(0, 300),
          firstFiredAt: alert.startsAt ?? now,
        },
        payload,
      );
    const fields = alertTicketFields(alert, this.deps.settings);
    const receipt = await this.deps.intake.submit(alertToInbound(alert, fields, externalId, now), {
      waitMs: this.deps.intakeWaitMs,
    });
    if (receipt.status !== 'processed')
      return { fingerprint: alert.fingerprint, result: 'opened', ticketNumber: null };
    await alerts.setTicket(alert.source, alert.fingerprint, receipt.ticketId);
    await this.raisePriority(receipt.ticketId, fields.priority, alert.severity);
    return { fingerprint: alert.fingerprint, result: 'opened', ticketNumber: receipt.ticketNumber };
  }

  private async resolved(alert: NormalizedAlert, payload: object): Promise<AlertOutcome> {
    const record = await this.deps.alerts.find(alert.source, alert.fingerprint);
    if (record)
      await this.deps.alerts.resolve(alert.source, alert.fingerprint, this.deps.clock.now(), payload);
    const ticket = record ? await this.ticketOf(record) : null;
    if (!ticket) return { fingerprint: alert.fingerprint, result: 'resolved_without_ticket' };
    const note = this.event('resolved', { fingerprint: alert.fingerprint, text: alert.text });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const current = attempt === 0 ? ticket : await this.deps.tickets.findById(ticket.id);
      if (!current) break;
      if (!canApply('resolve', current.status)) {
        await this.deps.tickets.appendEvents(current.id, [
          { ...note, data: { ...note.data, left: `not resolvable from ${current.status}` } },
        ]);
        return {
          fingerprint: alert.fingerprint,
          result: 'resolve_recorded',
          ticketNumber: current.number,
          status: current.status,
        };
      }
      const moved = transition(current, 'resolve', {
        at: note.at,
        actor: ACTOR,
        channel: 'system',
        data: { reason: 'the monitoring system reports the alert resolved' },
      });
      if (!moved.ok) break;
      const saved = await this.deps.tickets.save(moved.value.ticket, [note, moved.value.event]);
      if (saved.ok)
        return { fingerprint: alert.fingerprint, result: 'resolved', ticketNumber: current.number };
    }
    await this.deps.tickets.appendEvents(ticket.id, [note]);
    return {
      fingerprint: alert.fingerprint,
      result: 'resolve_recorded',
      ticketNumber: ticket.number,
      status: ticket.status,
    };
  }

  private async ticketOf(record: AlertRecord): Promise<Ticket | null> {
    const id =
      record.ticketId ?? (await this.deps.tickets.findTicketIdByMessage('alert', record.openingExternalId));
    return id ? this.deps.tickets.findById(id) : null;
  }

  /** The monitoring severity sets the opening priority (either way); the classifier may only raise it later. */
  private async raisePriority(
    ticketId: string,
    priority: Ticket['priority'],
    severity: string,
  ): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const t = await this.deps.tickets.findById(ticketId);
      if (!t || t.priority === priority) return;
      const at = this.deps.clock.now();
      const event: TicketEvent = {
        type: 'field_changed',
        at,
        actor: ACTOR,
        channel: 'system',
        fromStatus: null,
        toStatus: null,
        data: { field: 'priority', from: t.priority, to: priority, reason: `alert severity ${severity}` },
      };
      if ((await this.deps.tickets.save({ ...t, priority, updatedAt: at }, [event])).ok) return;
    }
  }

  private event(state: 'firing' | 'resolved', data: Record<string, unknown>): TicketEvent {
    return {
      type: 'alert',
      at: this.deps.clock.now(),
      actor: ACTOR,
      channel: 'alert',
      fromStatus: null,
      toStatus: null,
      data: { state, ...data },
    };
  }
}
