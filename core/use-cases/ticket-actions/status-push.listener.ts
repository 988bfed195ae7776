import type { DeskSettings } from '../../desk/desk-settings.js';
import type { Channel } from '../../inbound/channel.js';
import { reporterAddress } from '../../notify/contact-address.js';
import { isPushedEvent, statusPushText, type PushedEvent } from '../../notify/status-text.js';
import type { JobScheduler, Notification } from '../../ports/job-scheduler.port.js';
import type { PersonRepository } from '../../ports/person.repository.port.js';
import type { TicketChange, TicketChangeListener } from '../../ports/ticket-change.port.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import type { TicketEvent } from '../../tickets/ticket-event.js';
import { engineerPrompt } from '../dispatch-ticket/dispatch-notifications.js';

export interface StatusPushDeps {
  jobs: JobScheduler;
  people: PersonRepository;
  desk: Pick<DeskSettings, 'sla'>;
  /** Channels something delivers on; a reporter on another channel reads the ticket page instead. */
  enabledChannels: ReadonlySet<Channel>;
}

/** The dispatcher's own acknowledgement already tells the reporter who is coming. */
const announcedByDispatcher = (e: TicketEvent): boolean =>
  e.type === 'dispatched' && e.actor.kind === 'system' && e.actor.id === 'dispatcher';

/**
 * Pushes status changes (派单/转派, 接单, 到达, 完成) to the reporter on the channel and in the
 * conversation the report came from, and gives an engineer a ticket re-routed to them (转派, 升级,
 * manual 派单) the same prompt the dispatcher sends. Ids are deterministic per ticket and event,
 * so a listener run twice queues each notification once.
 */
export class StatusPushListener implements TicketChangeListener {
  readonly name = 'status-push';

  constructor(private readonly deps: StatusPushDeps) {}

  async onChange({ ticket, events }: TicketChange): Promise<void> {
    const pushed = events.filter(
      (e): e is TicketEvent & { type: PushedEvent } => isPushedEvent(e.type) && !announcedByDispatcher(e),
    );
    if (pushed.length === 0) return;
    const people = new Map((await this.deps.people.list()).map((p) => [p.id, p]));
    const assignee = ticket.assigneeId ? (people.get(ticket.assigneeId) ?? null) : null;
    const minutes = this.deps.desk.sla.responseMinutes;
    const arrivedNow = pushed.some((e) => e.type === 'started');
    for (const e of pushed) {
      // 到达 without 接单 first records both; the reporter needs only the arrival.
      if (e.type === 'acknowledged' && arrivedNow) continue;
      if (this.deps.enabledChannels.has(ticket.channel))
        await this.send(this.toReporter(ticket, e, statusPushText(ticket, e.type, assignee, minutes)));
      if ((e.type === 'reassigned' || e.type === 'dispatched') && assignee) {
        const owner = ticket.ownerId ? (people.get(ticket.ownerId) ?? null) : null;
        await this.send(engineerPrompt(ticket, assignee, owner, this.deps.enabledChannels, minutes));
      }
    }
  }

  private toReporter(t: Ticket, e: TicketEvent, text: string): Notification {
    return {
      id: `status-${t.id}-${e.type}-${t.dispatchCount}-${e.at.getTime()}`,
      channel: t.channel,
      purpose: 'status',
      ticketId: t.id,
      ticketNumber: t.number,
      to: {
        personId: t.reporter.personId,
        name: t.reporter.name,
        address: reporterAddress(t.channel, t.reporter),
        conversationId: t.conversationId,
      },
      text,
    };
  }

  private async send(n: Notification | null): Promise<void> {
    if (n) await this.deps.jobs.enqueue({ kind: 'notify', notification: n });
  }
}
