import type { Channel } from '../../inbound/channel.js';
import type { Person } from '../../desk/person.js';
import type { Handover } from '../../handover/handover.entity.js';
import { addressOn, preferredStaffChannel } from '../../notify/contact-address.js';
import { handoverText } from '../../notify/followup-text.js';
import type { Notification } from '../../ports/job-scheduler.port.js';

/**
 * The handover mail goes to the successor with the operations managers in copy (the process
 * doc's rule). Without mail to the successor, each of them gets it on their preferred staff
 * channel instead, one notification each.
 */
export function handoverNotifications(
  h: Handover,
  successor: Person,
  managers: readonly Person[],
  enabled: ReadonlySet<Channel>,
  formatTime: (d: Date) => string,
): Notification[] {
  const text = handoverText(h, formatTime);
  const others = managers.filter((m) => m.id !== successor.id);
  const base = {
    purpose: 'handover' as const,
    ticketId: null,
    ticketNumber: null,
    text,
  };
  if (enabled.has('email') && successor.email) {
    const cc = others.flatMap((m) => (m.email ? [{ name: m.name, address: m.email }] : []));
    const uncopied = others.filter((m) => !m.email);
    return [
      {
        ...base,
        id: `handover-${h.id}-${successor.id}`,
        channel: 'email',
        to: { personId: successor.id, name: successor.name, address: successor.email, conversationId: null },
        ...(cc.length > 0 ? { cc } : {}),
      },
      ...each(h, uncopied, enabled, base),
    ];
  }
  return each(h, [successor, ...others], enabled, base);
}

function each(
  h: Handover,
  people: readonly Person[],
  enabled: ReadonlySet<Channel>,
  base: Pick<Notification, 'purpose' | 'ticketId' | 'ticketNumber' | 'text'>,
): Notification[] {
  return people.flatMap((p) => {
    const channel = preferredStaffChannel(p, enabled);
    if (!channel) return [];
    return [
      {
        ...base,
        id: `handover-${h.id}-${p.id}`,
        channel,
        to: { personId: p.id, name: p.name, address: addressOn(channel, p), conversationId: null },
      },
    ];
  });
}
