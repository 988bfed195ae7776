import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { mock } from 'wechaty-puppet-mock';
import { parseEnv } from '../../../adapters/config/index.js';
import { QUEUES } from '../../../adapters/queue/queue-names.js';
import type { InboundMessage } from '../../../core/inbound/inbound-message.js';
import { botOutbox, startWechatWorld, wechatDesk, type WechatWorld } from './wechat-harness.js';

const WINDOW_S = 2;
let w: WechatWorld;
let out: ReturnType<typeof botOutbox>;
let byTopic: mock.RoomMock;
let byId: mock.RoomMock;
let unlisted: mock.RoomMock;

beforeAll(async () => {
  // As an operator writes it: a room's name and a room's id, with a full-width comma between them.
  const env = parseEnv(
    { WECHATY_PUPPET: 'wechaty-puppet-mock', WECHAT_ROOMS: '行政楼报修群，ids-room@chatroom' },
    process.cwd(),
  );
  if (!env.ok) throw new Error(JSON.stringify(env.error));
  w = await startWechatWorld(wechatDesk(WINDOW_S), { rooms: env.value.config.wechat!.rooms });
  out = botOutbox();
  const a = w.contact('wx-a', '甲老师');
  const b = w.contact('wx-b', '乙老师');
  const c = w.contact('wx-c', '丙老师');
  byTopic = w.room('topic-room@chatroom', '行政楼报修群', [a, b, c]);
  byId = w.room('ids-room@chatroom', '科研楼群', [a, b, c]);
  unlisted = w.room('other-room@chatroom', '闲聊群', [a, b, c]);
  for (const room of [byTopic, byId, unlisted]) out.watch(room);
});
afterAll(async () => w?.close());

async function ticketsOf(wechatId: string) {
  const { tickets } = await w.p.tickets.list({ channel: ['wechat'], limit: 100, offset: 0 });
  return tickets.filter((t) => t.reporter.wechatId === wechatId);
}

async function intakeRooms(): Promise<Array<string | undefined>> {
  const jobs = await w.p.scheduler
    .queue(QUEUES.intake)
    .getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
  return jobs.map((j) => (j.data as InboundMessage).conversation?.id);
}

describe('WECHAT_ROOMS: the bot listens only in the listed rooms', () => {
  it('a report in an unlisted room makes nothing; in a room listed by name or by id it makes a ticket', async () => {
    const [a, b, c] = ['wx-a', 'wx-b', 'wx-c'].map((id) => w.mocker.ContactMock.load(id));
    a!.say('行政楼305的打印机卡纸了，电话13800000001').to(unlisted);
    b!.say('行政楼201的打印机卡纸了，电话13800000002').to(byTopic);
    c!.say('科研楼502的电脑蓝屏了，电话13800000003').to(byId);

    const deadline = Date.now() + 30_000;
    while ((await ticketsOf('wx-b')).length === 0 || (await ticketsOf('wx-c')).length === 0) {
      if (Date.now() > deadline) throw new Error('no ticket from a listed room');
      await new Promise((r) => setTimeout(r, 100));
    }
    const [fromTopic] = await ticketsOf('wx-b');
    const [fromId] = await ticketsOf('wx-c');
    expect(fromTopic!.conversationId).toBe(byTopic.id);
    expect(fromId!.conversationId).toBe(byId.id);
    await out.waitFor(byTopic.id, (t) => t.includes(fromTopic!.number) && t.includes('已受理'));
    await out.waitFor(byId.id, (t) => t.includes(fromId!.number) && t.includes('已受理'));

    // The unlisted room's line had as long as the others: it never reached intake.
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000 + 500));
    expect(await ticketsOf('wx-a')).toEqual([]);
    expect((await intakeRooms()).sort()).toEqual([byId.id, byTopic.id]);
    expect(out.said.filter((s) => s.to === unlisted.id)).toEqual([]);
  });
});
