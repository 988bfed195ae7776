import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import { notifyQueue } from '../../../adapters/queue/queue-names.js';
import type { Notification } from '../../../core/ports/job-scheduler.port.js';
import { startPipeline, type Pipeline } from '../../support/pipeline-harness.js';
import { person, testDesk } from '../../support/test-desk.js';
import { chatLine, photo } from './chat-lines.js';

const WINDOW_S = 2;
const li = { id: 'wx-li', name: '李老师' };
const wang = { id: 'wx-wang', name: '王老师' };
const chen = { id: 'wx-chen', name: '陈老师' };

let p: Pipeline;

beforeAll(async () => {
  const base = testDesk();
  const desk = testDesk({
    people: [
      ...base.people,
      person({ id: 'rep-chen', name: '陈老师', role: 'reporter', wechatId: 'wx-chen', phone: '13700000000' }),
    ],
    chat: {
      burstWindowSeconds: WINDOW_S,
      burstMaxSeconds: 10,
      reportConfidence: 0.6,
      faultCueConfidence: 0.25,
    },
  });
  p = await startPipeline({ desk, enabledChannels: ['web', 'wechat'] });
});
afterAll(async () => p?.close());

async function wechatNotifications(): Promise<Notification[]> {
  const jobs: Job[] = await p.scheduler
    .queue(notifyQueue('wechat'))
    .getJobs(['waiting', 'delayed', 'active', 'completed']);
  return jobs.map((j) => j.data as Notification);
}

async function ticketsIn(room: string) {
  const { tickets } = await p.tickets.list({ channel: ['wechat'], limit: 100, offset: 0 });
  return tickets.filter((t) => t.conversationId === room);
}

async function waitFor<T>(what: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('chat router (wechat lines through the real pipeline)', () => {
  it('two reporters at once in one group: two tickets, each with all of its reporter’s lines and pictures', async () => {
    const room = 'room-burst';
    const lines = [
      chatLine({ room, from: li, text: '打印机卡纸了，打印不出来' }),
      chatLine({ room, from: wang, text: '办公室电脑蓝屏了，一直重启' }),
      chatLine({ room, from: li, kind: 'image', attachments: [photo('jam.jpg')] }),
      chatLine({ room, from: wang, kind: 'voice', attachments: [photo('voice.silk')] }),
      chatLine({ room, from: li, text: '在行政楼305，急用' }),
    ];
    for (const l of lines) await p.intake.submit(l);
    // Redelivery of a line changes nothing.
    await p.intake.submit(lines[0]!);

    const tickets = await waitFor(
      () => ticketsIn(room),
      (t) => t.length >= 2,
    );
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000 + 500));
    expect(await ticketsIn(room)).toHaveLength(2);
    const byReporter = new Map(tickets.map((t) => [t.reporter.wechatId, t]));
    const liTicket = byReporter.get('wx-li')!;
    expect(liTicket.description).toBe('打印机卡纸了，打印不出来\n[图片]\n在行政楼305，急用');
    expect(liTicket.location).toBe('行政楼305');
    const liMessages = await p.tickets.messages(liTicket.id);
    expect(liMessages.filter((m) => m.direction === 'in')).toHaveLength(1);
    expect(liMessages[0]!.attachments.map((a) => a.name)).toEqual(['jam.jpg']);
    const wangTicket = byReporter.get('wx-wang')!;
    expect((await p.tickets.messages(wangTicket.id))[0]!.attachments.map((a) => a.name)).toEqual([
      'voice.silk',
    ]);
  });

  it('chatter, thanks and stickers create nothing', async () => {
    const room = 'room-chatter';
    for (const text of ['大家早上好', '谢谢老师', '中午一起吃饭吗'])
      await p.intake.submit(chatLine({ room, from: li, text }));
    await p.intake.submit(chatLine({ room, from: li, kind: 'sticker' }));
    await p.intake.submit(chatLine({ room, from: wang, kind: 'image', attachments: [photo('cat.jpg')] }));
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000 + 1500));
    expect(await ticketsIn(room)).toHaveLength(0);
  });

  it('asks once, @-mentioning the reporter, for what is missing, and fills the ticket from the answer', async () => {
    const room = 'room-question';
    await p.intake.submit(chatLine({ room, from: chen, text: '@IT服务台 电脑开不了机', mentionsBot: true }));
    const [ticket] = await waitFor(
      () => ticketsIn(room),
      (t) => t.length === 1,
    );
    const question = await waitFor(
      async () =>
        (await wechatNotifications()).find((n) => n.purpose === 'question' && n.ticketId === ticket!.id),
      (n) => n !== undefined,
    );
    expect(question).toMatchObject({ to: { address: 'wx-chen', conversationId: room } });
    expect(question!.text).toContain('设备点位');
    expect(question!.text).not.toContain('联系电话'); // the roster knows 陈老师's phone

    await p.intake.submit(chatLine({ room, from: chen, text: '科研楼201，联想台式机' }));
    const filled = await p.waitForTicket(ticket!.number, (t) => t.location !== null);
    expect(filled).toMatchObject({ location: '科研楼201', deviceName: '电脑' });
    const events = await p.tickets.events(ticket!.id);
    expect(events.filter((e) => e.type === 'field_changed')).toHaveLength(1);
    expect(
      (await wechatNotifications()).filter((n) => n.purpose === 'question' && n.ticketId === ticket!.id),
    ).toHaveLength(1);
  });

  it('acknowledges in the group to the reporter with ticket number, category and who will come', async () => {
    const room = 'room-burst';
    const [t] = (await ticketsIn(room)).filter((x) => x.reporter.wechatId === 'wx-li');
    const ack = await waitFor(
      async () =>
        (await wechatNotifications()).find((n) => n.purpose === 'acknowledgement' && n.ticketId === t!.id),
      (n) => n !== undefined,
    );
    expect(ack).toMatchObject({ channel: 'wechat', to: { address: 'wx-li', conversationId: room } });
    expect(ack!.text).toContain(t!.number);
    expect(ack!.text).toContain('打印机');
  });
});
