import type { Channel } from '../../inbound/channel.js';
import type { Person, VendorContact } from '../../desk/index.js';
import { addressOn, preferredStaffChannel } from '../../notify/contact-address.js';
import type { Notification, NotificationPurpose } from '../../ports/job-scheduler.port.js';
import type { StoredTimer } from '../../ports/timer-scheduler.port.js';
import type { SlaTarget } from '../../sla/sla-rules.js';
import type { SlaTimerData } from '../../sla/sla-plan.js';
import type { Ticket } from '../../tickets/ticket.entity.js';

export const TARGET_LABEL: Record<SlaTarget, string> = {
  response: '响应',
  arrival: '到场',
  resolution: '解决',
};

const hhmm = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));

export function reminderText(t: Ticket, d: SlaTimerData, timeZone: string): string {
  return [
    `【SLA提醒】${t.number} ${t.category ?? '其他'} ${t.priority}`,
    `${TARGET_LABEL[d.target]}时限已用 ${d.percent}%，将于 ${hhmm(d.breachAt, timeZone)} 超时（时限 ${d.minutes} 分钟，${d.calendar}）。`,
    d.target === 'response' ? `请尽快回复「接单 ${t.number}」。` : `请及时处理并在群内更新进展。`,
  ].join('\n');
}

export function breachText(t: Ticket, d: SlaTimerData, escalation: string): string {
  return [
    `【SLA超时】${t.number} ${t.category ?? '其他'} ${t.priority}`,
    `${TARGET_LABEL[d.target]}超时（时限 ${d.minutes} 分钟，${d.calendar}）。`,
    escalation,
  ].join('\n');
}

export function vendorText(t: Ticket, vendor: VendorContact): string {
  return [
    `${vendor.name}：您好，工单 ${t.number}（${t.category ?? '其他'}，${t.priority}）已超出服务时限，需要厂商支持。`,
    `位置：${t.location ?? t.reporter.officeLocation ?? '未提供'}`,
    `现象：${t.description.slice(0, 300)}`,
  ].join('\n');
}

/** Deterministic per timer and recipient: a re-run handler queues nothing new. */
export function staffNotice(
  timer: StoredTimer,
  t: Ticket,
  person: Person,
  enabled: ReadonlySet<Channel>,
  purpose: NotificationPurpose,
  text: string,
): Notification | null {
  const channel = preferredStaffChannel(person, enabled);
  if (!channel) return null;
  return {
    id: `sla-${t.id}-${timer.kind.slice(4)}-${timer.n}-${person.id}`,
    channel,
    purpose,
    ticketId: t.id,
    ticketNumber: t.number,
    to: { personId: person.id, name: person.name, address: addressOn(channel, person), conversationId: null },
    text,
  };
}

export function vendorNotice(
  timer: StoredTimer,
  t: Ticket,
  vendor: VendorContact,
  enabled: ReadonlySet<Channel>,
): Notification | null {
  if (!vendor.email || !enabled.has('email')) return null;
  return {
    id: `sla-${t.id}-${timer.kind.slice(4)}-${timer.n}-vendor`,
    channel: 'email',
    purpose: 'escalation',
    ticketId: t.id,
    ticketNumber: t.number,
    to: { personId: null, name: vendor.name, address: vendor.email, conversationId: null },
    text: vendorText(t, vendor),
  };
}
