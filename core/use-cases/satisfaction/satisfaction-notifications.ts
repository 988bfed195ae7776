import type { Channel } from '../../inbound/channel.js';
import type { Person } from '../../desk/person.js';
import { addressOn, preferredStaffChannel, reporterAddress } from '../../notify/contact-address.js';
import { complaintOfferText, lowRatingText, satisfactionText } from '../../notify/followup-text.js';
import type { Notification } from '../../ports/job-scheduler.port.js';
import type { Ticket } from '../../tickets/ticket.entity.js';

const CHAT: ReadonlySet<Channel> = new Set(['wechat', 'telegram']);

/**
 * Where the reporter is asked: their own channel when it can deliver, else the web page (which
 * always works: the notification is recorded on the ticket and the page offers the rating form).
 */
function reporterChannel(t: Ticket, enabled: ReadonlySet<Channel>): Channel {
  if (enabled.has(t.channel) && (t.conversationId || reporterAddress(t.channel, t.reporter)))
    return t.channel;
  if (enabled.has('email') && t.reporter.email) return 'email';
  return 'web';
}

function toReporter(t: Ticket, channel: Channel): Notification['to'] {
  return {
    personId: t.reporter.personId,
    name: t.reporter.name,
    address: reporterAddress(channel, t.reporter),
    conversationId: channel === t.channel ? t.conversationId : null,
  };
}

/** Keyed by the resolution instant: a ticket reopened and resolved again is asked again. */
const cycle = (t: Ticket): number => t.resolvedAt?.getTime() ?? 0;

export function ratingQuestion(
  t: Ticket,
  enabled: ReadonlySet<Channel>,
  publicUrl: string | null,
  reminder: boolean,
): Notification {
  const channel = reporterChannel(t, enabled);
  const how = CHAT.has(channel) ? 'chat' : channel === 'email' ? 'email' : 'web';
  return {
    id: `${reminder ? 'satisfaction-reminder' : 'satisfaction'}-${t.id}-${cycle(t)}`,
    channel,
    // A reminder is a satisfaction question too: the mail template adds the rating links to both.
    purpose: 'satisfaction',
    ticketId: t.id,
    ticketNumber: t.number,
    to: toReporter(t, channel),
    text: satisfactionText(t, how, publicUrl, reminder),
  };
}

export function lowRatingAlerts(
  t: Ticket,
  managers: readonly Person[],
  engineer: Person | null,
  enabled: ReadonlySet<Channel>,
): Notification[] {
  return managers.flatMap((m) => {
    const channel = preferredStaffChannel(m, enabled);
    if (!channel) return [];
    return [
      {
        id: `low-rating-${t.id}-${cycle(t)}-${m.id}`,
        channel,
        purpose: 'callback' as const,
        ticketId: t.id,
        ticketNumber: t.number,
        to: { personId: m.id, name: m.name, address: addressOn(channel, m), conversationId: null },
        text: lowRatingText(t, engineer?.name ?? null),
      },
    ];
  });
}

export function complaintOffer(t: Ticket, enabled: ReadonlySet<Channel>): Notification {
  const channel = reporterChannel(t, enabled);
  return {
    id: `complaint-offer-${t.id}-${cycle(t)}`,
    channel,
    purpose: 'complaint',
    ticketId: t.id,
    ticketNumber: t.number,
    to: toReporter(t, channel),
    text: complaintOfferText(t),
  };
}
