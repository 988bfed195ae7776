import type { Channel } from '../../core/inbound/channel.js';
import { preferredStaffChannel, addressOn } from '../../core/notify/contact-address.js';
import type { JobScheduler, Notification } from '../../core/ports/job-scheduler.port.js';
import type { PersonRepository } from '../../core/ports/person.repository.port.js';

/**
 * Tells every manager, on an enabled channel other than the one that went down, that the bot can no
 * longer hear it. One alert per manager per outage minute (the id says so), however often it fires.
 */
export async function alertManagers(
  deps: { people: PersonRepository; jobs: JobScheduler; enabled: ReadonlySet<Channel> },
  down: Channel,
  reason: string,
  at: Date,
): Promise<number> {
  const others = new Set([...deps.enabled].filter((c) => c !== down && c !== 'web'));
  const managers = (await deps.people.list()).filter((p) => p.active && p.role === 'manager');
  const minute = at
    .toISOString()
    .slice(0, 16)
    .replace(/[^0-9]/g, '');
  let sent = 0;
  for (const m of managers) {
    const channel = preferredStaffChannel(m, others);
    if (!channel) continue;
    const notification: Notification = {
      id: `alert-${down}-down-${minute}-${m.id}`,
      channel,
      purpose: 'alert',
      ticketId: null,
      ticketNumber: null,
      to: { personId: m.id, name: m.name, address: addressOn(channel, m), conversationId: null },
      text: `【告警】${down === 'wechat' ? '微信' : down} 机器人已掉线（${reason}），群内报修暂时无法接收，请尽快重新扫码登录。`,
    };
    await deps.jobs.enqueue({ kind: 'notify', notification });
    sent++;
  }
  return sent;
}
