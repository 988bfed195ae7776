import type { Channel } from '../../inbound/channel.js';
import type { Person } from '../../desk/person.js';
import type { Handover } from '../../handover/handover.entity.js';
import { addressOn, preferredStaffChannel } from '../../notify/contact-address.js';
import { handoverText } from '../../notify/followup-text.js';
import type { Notification } from '../../ports/job-scheduler.port.js';

/**
 * The handover goes by mail to the successor with the operations managers in copy (one
 * notification each: a notification has one recipient). Without mail, each gets it on their
 * preferred staff channel.
 */
export function handoverNotifications(
  h: Handover,
  successor: Person,
  managers: readonly Person[],
  enabled: ReadonlySet<Channel>,
  formatTime: (d: Date) => string,
): Notification[] {
  const text = handoverText(h, formatTime);
  const recipients = [successor, ...managers.filter((m) => m.id !== successor.id)];
  return recipients.flatMap((p) => {
    const channel: Channel | null =
      enabled.has('email') && p.email ? 'email' : preferredStaffChannel(p, enabled);
    if (!channel) return [];
    return [
      {
        id: `handover-${h.id}-${p.id}`,
        channel,
        purpose: 'handover' as const,
        ticketId: null,
        ticketNumber: h.items[0]?.ticketNumber ?? null,
        to: { personId: p.id, name: p.name, address: addressOn(channel, p), conversationId: null },
        text,
      },
    ];
  });
}
