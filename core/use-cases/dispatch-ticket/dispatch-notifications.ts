import type { Channel } from '../../inbound/channel.js';
import type { Person } from '../../desk/person.js';
import { addressOn, preferredStaffChannel, reporterAddress } from '../../notify/contact-address.js';
import { acknowledgementText, dispatchText, triageText } from '../../notify/notification-text.js';
import type { Notification } from '../../ports/job-scheduler.port.js';
import type { Ticket } from '../../tickets/ticket.entity.js';

/** The reporter hears back on the channel they used, in the conversation they used. */
/** The reporter's acknowledgement of a dispatch cycle (0: left with the desk before any dispatch). */
export const acknowledgementId = (t: Pick<Ticket, 'id' | 'dispatchCount'>): string =>
  `ack-${t.id}-${t.dispatchCount}`;

export function reporterAcknowledgement(
  t: Ticket,
  owner: Person | null,
  assignee: Person | null,
  responseMinutes: number,
): Notification {
  return {
    id: acknowledgementId(t),
    channel: t.channel,
    purpose: 'acknowledgement',
    ticketId: t.id,
    ticketNumber: t.number,
    to: {
      personId: t.reporter.personId,
      name: t.reporter.name,
      address: reporterAddress(t.channel, t.reporter),
      conversationId: t.conversationId,
    },
    text: acknowledgementText(t, owner, assignee, responseMinutes),
  };
}

function toStaff(
  person: Person,
  enabled: ReadonlySet<Channel>,
  base: Pick<Notification, 'id' | 'purpose' | 'text'>,
  t: Ticket,
): Notification | null {
  const channel = preferredStaffChannel(person, enabled);
  if (!channel) return null;
  return {
    ...base,
    channel,
    ticketId: t.id,
    ticketNumber: t.number,
    to: { personId: person.id, name: person.name, address: addressOn(channel, person), conversationId: null },
  };
}

/** The private dispatch prompt; null when the engineer has no enabled channel (the event log still has it). */
export function engineerPrompt(
  t: Ticket,
  engineer: Person,
  owner: Person | null,
  enabled: ReadonlySet<Channel>,
  responseMinutes: number,
): Notification | null {
  const base = {
    id: `dispatch-${t.id}-${t.dispatchCount}-${engineer.id}`,
    purpose: 'dispatch' as const,
    text: dispatchText(t, owner, responseMinutes),
  };
  return toStaff(engineer, enabled, base, t);
}

/** The owner and every manager are told a ticket waits for a human decision. */
export function triageAlerts(
  t: Ticket,
  staff: Person[],
  enabled: ReadonlySet<Channel>,
  why: string,
): Notification[] {
  return staff.flatMap((p) => {
    const n = toStaff(
      p,
      enabled,
      { id: `triage-${t.id}-${p.id}`, purpose: 'triage', text: triageText(t, why) },
      t,
    );
    return n ? [n] : [];
  });
}
