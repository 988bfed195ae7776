import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileBox } from 'file-box';
import type { mock } from 'wechaty-puppet-mock';
import { person } from '../../support/test-desk.js';
import { BOT_ID, botOutbox, startWechatWorld, wechatDesk, type WechatWorld } from './wechat-harness.js';

const WINDOW_S = 2;
let w: WechatWorld;
let out: ReturnType<typeof botOutbox>;
let li: mock.ContactMock;
let wang: mock.ContactMock;
let zhao: mock.ContactMock;
let sun: mock.ContactMock;
let room: mock.RoomMock;

const quoteOf = (prompt: string, reply: string) =>
  `「IT服务台：${prompt.split('\n')[0]}」\n- - - - - - - - - - - - - - -\n${reply}`;

async function ticketsOf(wechatId: string) {
  const { tickets } = await w.p.tickets.list({ channel: ['wechat'], limit: 100, offset: 0 });
  return tickets.filter((t) => t.reporter.wechatId === wechatId);
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  w = await startWechatWorld(
    wechatDesk(WINDOW_S, [person({ id: 'rep-li', name: '李老师', role: 'reporter', wechatId: 'wx-li' })]),
  );
  out = botOutbox();
  li = w.contact('wx-li', '李老师');
  wang = w.contact('wx-wang', '王老师');
  zhao = w.contact('wx-eng-print', '赵打印');
  sun = w.contact('wx-eng-pc-l2', '孙二线');
  room = w.room('r1@chatroom', '行政楼报修群', [li, wang, zhao, sun]);
  for (const target of [room, li, wang, zhao, sun]) out.watch(target);
});
afterAll(async () => w?.close());

describe('WeChat bot on puppet-mock', () => {
  it('a group report goes all the way: ticket → prompt → 接单 → status in the group → 完成 → 5 → closed and rated', async () => {
    li.say('行政楼305的打印机卡纸了，电话13800000001').to(room);
    li.say(FileBox.fromBase64(Buffer.from('jpeg bytes').toString('base64'), 'jam.jpg')).to(room);

    const [ticket] = await until(
      () => ticketsOf('wx-li'),
      (t) => t.length === 1,
    );
    const ack = await out.waitFor(room.id, (t) => t.includes(ticket!.number) && t.includes('已受理'));
    expect(ack.startsWith('@李老师')).toBe(true);
    expect(ack).toContain('打印机');
    const messages = await w.p.tickets.messages(ticket!.id);
    expect(messages.find((m) => m.direction === 'in')!.attachments.map((a) => a.name)).toEqual(['jam.jpg']);

    const dispatched = await w.p.waitForTicket(ticket!.number, (t) => t.assigneeId !== null, 30_000);
    const engineer = dispatched.assigneeId === 'eng-print' ? zhao : sun;
    const prompt = await out.waitFor(
      engineer.id,
      (t) => t.includes('【派单】') && t.includes(ticket!.number),
    );

    engineer.say(quoteOf(prompt, '接单')).to(w.botUser);
    await w.p.waitForTicket(ticket!.number, (t) => t.status === 'acknowledged', 30_000);
    await out.waitFor(room.id, (t) => t.includes(`工单 ${ticket!.number}`) && t.includes('已接单'));

    engineer.say(`完成 #${ticket!.number} 清理卡纸，更换搓纸轮`).to(w.botUser);
    await w.p.waitForTicket(ticket!.number, (t) => t.status === 'resolved', 30_000);
    await out.waitFor(room.id, (t) => t.includes(`工单 ${ticket!.number} 已处理完成`));

    li.say('5 师傅很快').to(room);
    const closed = await w.p.waitForTicket(ticket!.number, (t) => t.status === 'closed', 30_000);
    expect(closed).toMatchObject({ rating: 5, ratingComment: '师傅很快' });
    await out.waitFor(room.id, (t) => t.includes('感谢您的评价'));
  });

  it('refuses an outsider’s auditor command, saying why and revealing nothing', async () => {
    wang.say('统计 今天').to(room);
    const refusal = await out.waitFor(room.id, (t) => t.startsWith('@王老师') && t.includes('仅限稽查员'));
    expect(refusal).toContain('统计');
    expect(out.said.some((s) => /工单数|已解决|按类别/.test(s.text))).toBe(false);
  });

  it('chatter makes no ticket; two reporters at once get one ticket each', async () => {
    wang.say('大家下午好').to(room);
    li.say('谢谢').to(room);
    wang.say('办公室电脑蓝屏了').to(room);
    li.say('@IT服务台 科研楼201 网络断了，连不上').to(room);
    wang.say('在科研楼302，联系电话13900000002').to(room);
    const wangs = await until(
      () => ticketsOf('wx-wang'),
      (t) => t.length >= 1,
    );
    const lis = await until(
      () => ticketsOf('wx-li'),
      (t) => t.length >= 2,
    );
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000 + 1000));
    expect(await ticketsOf('wx-wang')).toHaveLength(1);
    expect(await ticketsOf('wx-li')).toHaveLength(2);
    expect(wangs[0]!.description).toBe('办公室电脑蓝屏了\n在科研楼302，联系电话13900000002');
    const network = lis.find((t) => t.status !== 'closed')!;
    expect((await w.p.waitForTicket(network.number, (t) => t.category !== null)).category).toBe('网络');
    // Nothing the bot said went out as the bot talking to itself.
    expect(out.said.every((s) => s.to !== BOT_ID)).toBe(true);
  });
});
