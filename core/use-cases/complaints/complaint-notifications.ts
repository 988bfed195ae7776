import type { Complaint } from '../../complaints/complaint.entity.js';
import { nextStepOf, partiesFor, type ComplaintStep } from '../../complaints/complaint-status.js';
import type { Channel } from '../../inbound/channel.js';
import type { Person } from '../../desk/person.js';
import { peopleOnShift } from '../../dispatch/shift-calendar.js';
import { addressOn, preferredStaffChannel } from '../../notify/contact-address.js';
import { complaintStepText } from '../../notify/followup-text.js';
import type { Notification } from '../../ports/job-scheduler.port.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import type { ComplaintDeps } from './complaint-deps.js';

/** To the complainant, on the channel they complained on (web when it cannot deliver). */
export function toComplainant(
  c: Complaint,
  enabled: ReadonlySet<Channel>,
  id: string,
  text: string,
): Notification {
  const channel: Channel = enabled.has(c.channel) ? c.channel : 'web';
  return {
    id,
    channel,
    purpose: 'complaint',
    ticketId: c.ticketId,
    ticketNumber: c.ticketNumber,
    to: {
      personId: c.complainant.personId,
      name: c.complainant.name,
      address: channel === c.channel ? c.complainant.address : null,
      conversationId: channel === c.channel ? c.complainant.conversationId : null,
    },
    text,
  };
}

/**
 * Staff who owe `step`: the IT heads for the decision; for the desk's steps the ticket's owner,
 * else the desk engineers on shift, else every desk engineer (someone must hear of it).
 */
export function staffFor(
  step: ComplaintStep,
  people: readonly Person[],
  ticket: Ticket | null,
  deps: Pick<ComplaintDeps, 'desk' | 'clock'>,
): Person[] {
  const roles = partiesFor(step);
  const active = people.filter((p) => p.active);
  if (roles.includes('it_head')) return active.filter((p) => p.role === 'it_head');
  const owner = ticket?.ownerId
    ? active.find((p) => p.id === ticket.ownerId && p.role === 'desk')
    : undefined;
  if (owner) return [owner];
  const desk = active.filter((p) => p.role === 'desk');
  const onShift = peopleOnShift(deps.desk, deps.clock.now());
  const present = desk.filter((p) => onShift.has(p.id));
  return present.length > 0 ? present : desk;
}

/** Tells whoever owes the complaint's next step; `reminder` when it has waited too long. */
export function nextStepNotifications(
  c: Complaint,
  people: readonly Person[],
  ticket: Ticket | null,
  deps: Pick<ComplaintDeps, 'desk' | 'clock' | 'enabledChannels'>,
  reminder: boolean,
): Notification[] {
  const next = nextStepOf(c.status);
  if (!next) return [];
  const tag = `${reminder ? 'complaint-reminder' : 'complaint-step'}-${c.id}-${c.status}`;
  const text = complaintStepText(c, next, reminder);
  if (next === 'rate') return [toComplainant(c, deps.enabledChannels, `${tag}-complainant`, text)];
  return staffFor(next, people, ticket, deps).flatMap((p) => {
    const channel = preferredStaffChannel(p, deps.enabledChannels);
    if (!channel) return [];
    return [
      {
        id: `${tag}-${p.id}`,
        channel,
        purpose: reminder ? ('reminder' as const) : ('complaint' as const),
        ticketId: c.ticketId,
        ticketNumber: c.ticketNumber,
        to: { personId: p.id, name: p.name, address: addressOn(channel, p), conversationId: null },
        text,
      },
    ];
  });
}
