import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramRole } from '../../../cli/runtime/telegram-role.js';
import type { WorkerPool } from '../../../workers/main.js';
import { type Pipeline } from '../../support/pipeline-harness.js';
import { person, testDesk } from '../../support/test-desk.js';
import { startChatPipeline } from '../../support/chat-pipeline.js';
import { startTelegramFileApi, type TelegramFileApi } from '../../support/telegram-file-api.js';
import { freeLoopbackPort } from '../../support/free-port.js';

const TOKEN = '123456:TEST-deskbot';

const GROUP = -1001;
let server: TelegramServer;
let fileApi: TelegramFileApi;
let p: Pipeline;
let pool: WorkerPool;
let role: Awaited<ReturnType<typeof startTelegramRole>>;
let dataDir: string;

// Telegram ids of the people in the test: engineers are on the roster by telegramId.
const ENGINEERS = { 'eng-print': 501, 'eng-pc-l2': 502 } as Record<string, number>;

beforeAll(async () => {
  server = new TelegramServer({ port: await freeLoopbackPort(), host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  fileApi = await startTelegramFileApi(server.config.apiURL, TOKEN);
  const base = testDesk();
  const desk = testDesk({
    people: [
      ...base.people.map((x) => (ENGINEERS[x.id] ? { ...x, telegramId: String(ENGINEERS[x.id]) } : x)),
      person({ id: 'rep-li', name: '李老师', role: 'reporter', telegramId: '401' }),
    ],
    chat: { burstWindowSeconds: 2, burstMaxSeconds: 30, reportConfidence: 0.6, faultCueConfidence: 0.25 },
  });
  ({ p, pool } = await startChatPipeline(desk, ['web', 'telegram']));
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  dataDir = await mkdtemp(join(tmpdir(), 'deskbot-telegram-'));
  role = await startTelegramRole({
    settings: { botToken: TOKEN, apiRoot: fileApi.url },
    services: p,
    redisUrl: p.redisUrl,
    queuePrefix: p.prefix,
    dataDir,
    logger,
  });
});

afterAll(async () => {
  await role?.stop();
  await pool?.close();
  await p?.close();
  await fileApi?.stop();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const client = (userId: number, name: string, chatId: number) =>
  server.getClient(TOKEN, {
    userId,
    firstName: name,
    userName: `u${userId}`,
    chatId,
    type: chatId < 0 ? 'group' : 'private',
    chatTitle: '行政楼报修群',
    timeout: 1000,
  });

type Sent = { chat_id: string | number; text: string; message_id?: number };
function botSaid(): Sent[] {
  return server
    .getUpdatesHistory(TOKEN)
    .filter((u: object) => 'message' in u && 'chat_id' in ((u as { message: object }).message ?? {}))
    .map((u: object) => ({
      ...(u as unknown as { message: Sent }).message,
      message_id: (u as { messageId: number }).messageId,
    }));
}

async function waitSaid(chat: number, match: (t: string) => boolean, ms = 30_000): Promise<Sent> {
  const end = Date.now() + ms;
  for (;;) {
    const hit = botSaid().find((m) => String(m.chat_id) === String(chat) && match(m.text));
    if (hit) return hit;
    if (Date.now() > end) throw new Error(`bot never said it to ${chat}: ${JSON.stringify(botSaid())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Telegram bot against the Bot API emulator (real HTTP, long polling)', () => {
  it('group report → prompt → 接单 as a reply to the prompt → 完成 → 5 → closed; chatter makes nothing', async () => {
    const li = client(401, '李老师', GROUP);
    const wang = client(402, '王老师', GROUP);
    await wang.sendMessage(wang.makeMessage('大家好'));
    await li.sendMessage(li.makeMessage('行政楼305的打印机卡纸了，电话13800000001'));

    const ack = await waitSaid(GROUP, (t) => t.includes('已受理'));
    const number = /INC-\d{8}-\d{4}/.exec(ack.text)![0];
    expect(ack.text).toContain('tg://user?id=401');
    const ticket = await p.waitForTicket(number, (t) => t.assigneeId !== null, 30_000);
    const engId = ENGINEERS[ticket.assigneeId!]!;
    const prompt = await waitSaid(engId, (t) => t.includes('【派单】') && t.includes(number));

    const eng = client(engId, '工程师', engId);
    await eng.sendMessage(
      eng.makeMessage('接单', {
        reply_to_message: {
          message_id: prompt.message_id!,
          text: prompt.text,
          chat: { id: engId, type: 'private' },
        } as never,
      }),
    );
    await p.waitForTicket(number, (t) => t.status === 'acknowledged', 30_000);
    await waitSaid(GROUP, (t) => t.includes(`工单 ${number}`) && t.includes('已接单'));

    await eng.sendMessage(eng.makeMessage(`/resolve #${number} 清理卡纸`));
    await p.waitForTicket(number, (t) => t.status === 'resolved', 30_000);
    await li.sendMessage(li.makeMessage('非常满意'));
    const closed = await p.waitForTicket(number, (t) => t.status === 'closed', 30_000);
    expect(closed.rating).toBe(5);

    const { tickets } = await p.tickets.list({ channel: ['telegram'], limit: 10, offset: 0 });
    expect(tickets.map((t) => t.number)).toEqual([number]);
  });

  it('a photo and a line from one reporter make one ticket with the photo downloaded and stored', async () => {
    const zhao = client(403, '赵老师', GROUP);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 7)]);
    fileApi.files.set('photo-403-big', jpeg);
    const photo = zhao.makeMessage('', {
      caption: '科研楼502电脑蓝屏了',
      photo: [
        { file_id: 'photo-403-small', file_unique_id: 's403', width: 90, height: 90 },
        { file_id: 'photo-403-big', file_unique_id: 'b403', width: 1280, height: 960 },
      ],
    } as never) as Record<string, unknown>;
    delete photo.text;
    await zhao.sendMessage(photo as never);
    await zhao.sendMessage(zhao.makeMessage('电话13900000003'));

    const ack = await waitSaid(GROUP, (t) => t.includes('已受理') && t.includes('tg://user?id=403'));
    const number = /INC-\d{8}-\d{4}/.exec(ack.text)![0];
    const ticket = await p.waitForTicket(number, () => true);
    const lines = (await p.tickets.messages(ticket.id)).filter((m) => m.direction === 'in');
    const stored = lines.flatMap((m) => m.attachments);
    // The largest size only: Telegram sends every size of one photo.
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: 'b403.jpg', contentType: 'image/jpeg', size: jpeg.length });
    expect(fileApi.downloads.get('photo-403-big')).toBe(1);
    const bytes = await readFile(join(dataDir, 'attachments', stored[0]!.storagePath!));
    expect(bytes.equals(jpeg)).toBe(true);
    expect(lines.map((m) => m.text).join('\n')).toContain('科研楼502电脑蓝屏了');
  });

  it('a file Telegram will not hand out is recorded as skipped; the report still becomes a ticket', async () => {
    const qian = client(404, '钱老师', GROUP);
    const doc = qian.makeMessage('', {
      caption: '图书馆二楼打印机报错，截图见附件',
      document: {
        file_id: 'gone-404',
        file_unique_id: 'g404',
        file_name: '报错.png',
        mime_type: 'image/png',
      },
    } as never) as Record<string, unknown>;
    delete doc.text;
    await qian.sendMessage(doc as never);

    const ack = await waitSaid(GROUP, (t) => t.includes('已受理') && t.includes('tg://user?id=404'));
    const number = /INC-\d{8}-\d{4}/.exec(ack.text)![0];
    const ticket = await p.waitForTicket(number, () => true);
    const [line] = (await p.tickets.messages(ticket.id)).filter((m) => m.direction === 'in');
    expect(line?.text).toContain('图书馆二楼打印机报错');
    expect(line?.attachments).toEqual([
      expect.objectContaining({
        name: '报错.png',
        size: 0,
        skippedReason: expect.stringMatching(/^not downloaded: /),
      }),
    ]);
    expect(line?.attachments[0]?.storagePath).toBeUndefined();
  });

  it('refuses an outsider’s auditor command', async () => {
    const wang = client(402, '王老师', GROUP);
    await wang.sendMessage(wang.makeMessage('/stats today'));
    const refusal = await waitSaid(GROUP, (t) => t.includes('仅限稽查员'));
    expect(refusal.text).toContain('tg://user?id=402');
  });
});
