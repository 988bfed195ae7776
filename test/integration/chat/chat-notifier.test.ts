import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { mock } from 'wechaty-puppet-mock';
import type { Notification } from '../../../core/ports/job-scheduler.port.js';
import { botOutbox, startWechatWorld, wechatDesk, type WechatWorld } from './wechat-harness.js';

// The WeChat role's notifier (real Redis, BullMQ, puppet-mock) paces each room at 2/s with bursts of 5.
let w: WechatWorld;
let out: ReturnType<typeof botOutbox>;
let busy: mock.RoomMock;
let quiet: mock.RoomMock;

beforeAll(async () => {
  w = await startWechatWorld(wechatDesk(2));
  out = botOutbox();
  const member = w.contact('wx-member', '成员');
  busy = w.room('busy@chatroom', '忙碌的群', [member]);
  quiet = w.room('quiet@chatroom', '安静的群', [member]);
  out.watch(busy);
  out.watch(quiet);
});
afterAll(async () => w?.close());

const notify = (id: string, room: string): Promise<void> => {
  const notification: Notification = {
    id,
    channel: 'wechat',
    purpose: 'reply',
    ticketId: null,
    ticketNumber: null,
    to: { personId: null, name: '成员', address: null, conversationId: room },
    text: id,
  };
  return w.p.scheduler.enqueue({ kind: 'notify', notification });
};

async function until(ok: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; said ${JSON.stringify(out.said)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('chat notifier: a busy room does not hold up another', () => {
  it('while one room works through a backlog of 30, another room’s notification goes out at once', async () => {
    const said = (room: string) => out.said.filter((s) => s.to === room);
    for (let i = 0; i < 30; i++) await notify(`busy-${i}`, busy.id);
    // The burst has gone out and the rest of the backlog is waiting on the room's pace.
    await until(() => said(busy.id).length >= 5, 10_000, 'the busy room’s burst');
    await new Promise((r) => setTimeout(r, 500));

    const queuedAt = Date.now();
    await notify('quiet-1', quiet.id);
    await until(() => said(quiet.id).length === 1, 10_000, 'the quiet room’s notification');
    expect(said(quiet.id)[0]!.at - queuedAt).toBeLessThan(1000);
    // The busy room is still being paced, not flushed.
    expect(said(busy.id).length).toBeLessThan(15);

    await until(() => said(busy.id).length === 30, 30_000, 'the whole backlog');
    expect(said(busy.id).map((s) => s.text)).toEqual(Array.from({ length: 30 }, (_, i) => `busy-${i}`));
    // 5 at once, then 25 at 2/s: about 12.5 s from the first to the last.
    expect(said(busy.id)[29]!.at - said(busy.id)[0]!.at).toBeGreaterThan(11_000);
  });

  it('keeps up while the process is busy: a backlog is fetched in batches and each message leaves at once', async () => {
    const rooms = Array.from({ length: 60 }, (_, r) => {
      const room = w.room(`busy-loop-${r}@chatroom`, `繁忙群${r}`, []);
      out.watch(room);
      return room;
    });
    // In the one-process install other work (the pipeline's database calls) holds the event loop for
    // a while between two polls of the sockets: here 100 ms at a time. Fetching one job per round
    // trip, and starting none until a fetch came back empty, the 60 took one such turn each, about
    // 6 s, and went out together at the end.
    const hog = setInterval(() => {
      const end = Date.now() + 100;
      while (Date.now() < end);
    }, 1);
    try {
      const queuedAt = Date.now();
      await Promise.all(rooms.map((room, r) => notify(`busy-loop-${r}`, room.id)));
      const inRooms = () => out.said.filter((s) => s.text.startsWith('busy-loop-'));
      await until(() => inRooms().length === 60, 30_000, 'all sixty');
      const at = inRooms().map((s) => s.at - queuedAt);
      expect(Math.min(...at)).toBeLessThan(1000);
      expect(Math.max(...at)).toBeLessThan(3000);
    } finally {
      clearInterval(hog);
    }
  });

  it('keeps each room’s order while notifications keep arriving and others are being sent', async () => {
    const rooms = Array.from({ length: 20 }, (_, r) => {
      const room = w.room(`order-${r}@chatroom`, `顺序群${r}`, []);
      out.watch(room);
      return room;
    });
    // Each room gets its burst and more, queued back to back while the notifier is sending (BullMQ
    // fetches a job on completing one while its main loop fetches too: this once reordered them).
    for (const room of rooms) {
      for (let i = 0; i < 10; i++) await notify(`${room.id}-${i}`, room.id);
      await new Promise((r) => setTimeout(r, 100));
    }
    const inRoom = (room: mock.RoomMock) => out.said.filter((s) => s.to === room.id).map((s) => s.text);
    await until(() => rooms.every((room) => inRoom(room).length === 10), 30_000, 'every room’s ten');
    for (const room of rooms)
      expect(inRoom(room)).toEqual(Array.from({ length: 10 }, (_, i) => `${room.id}-${i}`));
  });
});
