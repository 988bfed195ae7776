import { afterEach, describe, expect, it } from 'vitest';
import { notifyQueue } from '../../../adapters/queue/queue-names.js';
import type { Channel } from '../../../core/inbound/channel.js';
import type { Notification } from '../../../core/ports/job-scheduler.port.js';
import { person } from '../../support/test-desk.js';
import { startWechatWorld, wechatDesk, type WechatWorld } from './wechat-harness.js';

let w: WechatWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

// The test desk's manager 冯经理 has only an email address; 韩经理 is on WeChat only.
const desk = () =>
  wechatDesk(2, [person({ id: 'mgr-wx', name: '韩经理', role: 'manager', wechatId: 'wx-mgr-wx' })]);

async function queued(world: WechatWorld, channel: Channel): Promise<Notification[]> {
  const jobs = await world.p.scheduler
    .queue(notifyQueue(channel))
    .getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
  return jobs.map((j) => j.data as Notification);
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('WeChat logout alert', () => {
  it('when the account is logged out, the managers are alerted on another enabled channel', async () => {
    w = await startWechatWorld(desk(), { enabledChannels: ['web', 'wechat', 'email'] });
    await w.puppet.logout('账号在其他设备登录');

    const [alert, ...more] = await until(
      () => queued(w!, 'email'),
      (n) => n.length > 0,
    );
    expect(more).toEqual([]);
    expect(alert).toMatchObject({
      channel: 'email',
      purpose: 'alert',
      ticketId: null,
      to: { personId: 'mgr', address: 'mgr@example.edu.cn', conversationId: null },
    });
    expect(alert!.id).toMatch(/^alert-wechat-down-\d{12}-mgr$/);
    expect(alert!.text).toContain('微信 机器人已掉线（账号在其他设备登录）');
    // The WeChat-only manager cannot be told over the channel that is down.
    await new Promise((r) => setTimeout(r, 500));
    expect((await queued(w, 'wechat')).filter((n) => n.purpose === 'alert')).toEqual([]);
  });

  it('a shutdown of the WeChat role is not a logout: nobody is alerted', async () => {
    w = await startWechatWorld(desk(), { enabledChannels: ['web', 'wechat', 'email'] });
    await w.stopWechat();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await queued(w, 'email')).toEqual([]);
  });
});
