import type { Channel } from '../inbound/channel.js';
import type { Person } from '../desk/person.js';
import type { Reporter } from '../tickets/ticket.entity.js';

type Reachable = Pick<Person, 'email' | 'phone' | 'wechatId' | 'telegramId'>;

/** The address a channel uses to reach someone, or null when they have none there. */
export function addressOn(channel: Channel, who: Reachable): string | null {
  switch (channel) {
    case 'email':
      return who.email;
    case 'wechat':
      return who.wechatId;
    case 'telegram':
      return who.telegramId;
    case 'phone':
      return who.phone;
    default:
      return null;
  }
}

/** Staff are told privately, on the first enabled chat channel they are on, else by mail. */
const STAFF_CHANNEL_ORDER: Channel[] = ['wechat', 'telegram', 'email'];

export function preferredStaffChannel(person: Person, enabled: ReadonlySet<Channel>): Channel | null {
  return STAFF_CHANNEL_ORDER.find((c) => enabled.has(c) && addressOn(c, person) !== null) ?? null;
}

export function reporterAddress(channel: Channel, reporter: Reporter): string | null {
  return addressOn(channel, reporter);
}
