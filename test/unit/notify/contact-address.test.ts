import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../core/inbound/channel.js';
import type { Person } from '../../../core/desk/person.js';
import { addressOn, preferredStaffChannel, reporterAddress } from '../../../core/notify/index.js';
import { person } from '../../support/test-desk.js';
import { aTicket } from '../tickets/ticket.fixture.js';

const staff = (fields: Partial<Person> = {}): Person =>
  person({ id: 'desk-a', name: '王服务台', role: 'desk', ...fields });

const everywhere = staff({
  phone: '13900139000',
  email: 'wang@example.edu.cn',
  wechatId: 'wx-wang',
  telegramId: '424242',
});
const enabled = (...channels: Channel[]): ReadonlySet<Channel> => new Set(channels);

describe('addressOn', () => {
  it.each([
    ['email', 'wang@example.edu.cn'],
    ['wechat', 'wx-wang'],
    ['telegram', '424242'],
    ['phone', '13900139000'],
    ['web', null],
    ['alert', null],
  ] as const)('%s → %s', (channel, address) => {
    expect(addressOn(channel, everywhere)).toBe(address);
  });

  it('is null where the person has no address on that channel', () => {
    expect(addressOn('wechat', staff({ email: 'a@b.cn' }))).toBeNull();
  });
});

describe('preferredStaffChannel', () => {
  it('prefers WeChat, then Telegram, then mail, among the enabled channels', () => {
    const all = enabled('wechat', 'telegram', 'email', 'web');
    expect(preferredStaffChannel(everywhere, all)).toBe('wechat');
    expect(preferredStaffChannel(everywhere, enabled('telegram', 'email'))).toBe('telegram');
    expect(preferredStaffChannel(everywhere, enabled('email'))).toBe('email');
  });

  it('skips an enabled channel the person cannot be reached on', () => {
    const noWechat = staff({ email: 'wang@example.edu.cn', telegramId: '424242' });
    expect(preferredStaffChannel(noWechat, enabled('wechat', 'telegram', 'email'))).toBe('telegram');
    const mailOnly = staff({ email: 'wang@example.edu.cn' });
    expect(preferredStaffChannel(mailOnly, enabled('wechat', 'telegram', 'email'))).toBe('email');
  });

  it('never tells staff on the web, by phone or through the alert channel', () => {
    expect(preferredStaffChannel(everywhere, enabled('web', 'phone', 'alert'))).toBeNull();
  });

  it('is null for someone with no address on any enabled channel', () => {
    expect(preferredStaffChannel(staff(), enabled('wechat', 'telegram', 'email'))).toBeNull();
    expect(preferredStaffChannel(staff({ wechatId: 'wx-x' }), enabled('email'))).toBeNull();
  });
});

describe('reporterAddress', () => {
  it('answers the reporter on the channel the report came in on', () => {
    const { reporter } = aTicket();
    expect(reporterAddress('wechat', reporter)).toBe('wx-zhang');
    expect(reporterAddress('email', reporter)).toBe('zhang@example.edu.cn');
    expect(reporterAddress('phone', reporter)).toBe('13800138000');
    expect(reporterAddress('telegram', reporter)).toBeNull();
    expect(reporterAddress('web', reporter)).toBeNull();
  });
});
