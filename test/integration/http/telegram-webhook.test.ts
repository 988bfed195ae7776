import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '../../../adapters/config/index.js';
import { QUEUES } from '../../../adapters/queue/queue-names.js';
import { startTelegramRole, telegramWebhookFor } from '../../../cli/runtime/telegram-role.js';
import type { InboundMessage } from '../../../core/inbound/inbound-message.js';
import type { WorkerPool } from '../../../workers/main.js';
import { type Pipeline } from '../../support/pipeline-harness.js';
import { person, testDesk } from '../../support/test-desk.js';
import { appDeps, serve, type Served } from './http-harness.js';
import { startChatPipeline } from '../../support/chat-pipeline.js';
import { freeLoopbackPort } from '../../support/free-port.js';

const TOKEN = '123456:TEST-deskbot-webhook';
const SECRET = 'hook-secret_0123456789';
const HOOK_PATH = '/telegram/updates';
const GROUP = -1002;

let telegram: TelegramServer;
let p: Pipeline;
let pool: WorkerPool;
let role: Awaited<ReturnType<typeof startTelegramRole>>;
let http: Served;
let config: AppConfig;
let dataDir: string;

beforeAll(async () => {
  telegram = new TelegramServer({ port: await freeLoopbackPort(), host: '127.0.0.1', storeTimeout: 600 });
  await telegram.start();
  dataDir = await mkdtemp(join(tmpdir(), 'deskbot-tg-webhook-'));
  // The settings come from the environment, as in production.
  const loaded = loadConfig({
    env: {
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: telegram.config.apiURL,
      TELEGRAM_WEBHOOK_URL: `https://helpdesk.example.edu.cn${HOOK_PATH}`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    },
    cwd: dataDir,
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  config = loaded.value;

  const base = testDesk();
  const desk = testDesk({
    people: [
      ...base.people.map((x) => (x.id === 'eng-print' ? { ...x, telegramId: '501' } : x)),
      person({ id: 'rep-li', name: '李老师', role: 'reporter', telegramId: '401' }),
    ],
    chat: { burstWindowSeconds: 2, burstMaxSeconds: 30, reportConfidence: 0.6, faultCueConfidence: 0.25 },
  });
  ({ p, pool } = await startChatPipeline(desk, ['web', 'telegram']));
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  // The telegram role registers the webhook and sends notifications; the api role serves the webhook.
  role = await startTelegramRole({
    settings: config.telegram!,
    services: p,
    redisUrl: p.redisUrl,
    queuePrefix: p.prefix,
    dataDir,
    logger,
  });
  http = await serve(appDeps(p, { ...(await telegramWebhookFor(config, p, logger)) }));
});

afterAll(async () => {
  await http?.close();
  await role?.stop();
  await pool?.close();
  await p?.close();
  await telegram?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

let updateId = 5000;
let messageId = 1;
/** A group message as Telegram pushes it to a webhook. */
function groupUpdate(from: { id: number; name: string }, text: string) {
  return {
    update_id: ++updateId,
    message: {
      message_id: ++messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: GROUP, type: 'group', title: '行政楼报修群' },
      from: { id: from.id, is_bot: false, first_name: from.name, username: `u${from.id}` },
      text,
    },
  };
}

const post = (body: object, headers: Record<string, string>) =>
  fetch(`${http.base}${HOOK_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

type Sent = { chat_id: string | number; text: string };
function botSaid(): Sent[] {
  return telegram
    .getUpdatesHistory(TOKEN)
    .filter((u: object) => 'message' in u && 'chat_id' in ((u as { message: object }).message ?? {}))
    .map((u: object) => (u as unknown as { message: Sent }).message);
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

async function intakeSenders(): Promise<string[]> {
  const jobs = await p.scheduler
    .queue(QUEUES.intake)
    .getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
  return jobs.map((j) => (j.data as InboundMessage).sender.telegramId ?? '?');
}

describe('Telegram webhook on the express app (real HTTP)', () => {
  it('the telegram role registered the webhook URL with the secret', () => {
    // The emulator keeps registrations in a field its typings call private.
    const hooks = (
      telegram as unknown as { webhooks: Record<string, { url: string; secret_token?: string }> }
    ).webhooks;
    expect(hooks[TOKEN]).toMatchObject({ url: config.telegram!.webhookUrl, secret_token: SECRET });
  });

  it('refuses an update with a wrong or missing secret, and takes nothing in', async () => {
    const wrong = await post(groupUpdate({ id: 402, name: '王老师' }, '办公室电脑蓝屏了，科研楼302'), {
      'X-Telegram-Bot-Api-Secret-Token': 'not-the-secret',
    });
    const missing = await post(groupUpdate({ id: 403, name: '赵老师' }, '图书馆201断网了'), {});
    expect([wrong.status, missing.status]).toEqual([403, 403]);

    // Longer than the burst window: had either been taken in, its ticket would exist by now.
    await new Promise((r) => setTimeout(r, 3500));
    expect(await intakeSenders()).toEqual([]);
    const { total } = await p.tickets.list({ channel: ['telegram'], limit: 10, offset: 0 });
    expect(total).toBe(0);
  });

  it('handles an update with the right secret: a group report gets its ticket and the acknowledgement', async () => {
    const res = await post(
      groupUpdate({ id: 401, name: '李老师' }, '行政楼305的打印机卡纸了，电话13800000001'),
      {
        'X-Telegram-Bot-Api-Secret-Token': SECRET,
      },
    );
    expect(res.status).toBe(200);

    const ack = await waitSaid(GROUP, (t) => t.includes('已受理'));
    expect(ack.text).toContain('tg://user?id=401');
    const number = /INC-\d{8}-\d{4}/.exec(ack.text)![0];
    const ticket = await p.waitForTicket(number, (t) => t.assigneeId !== null, 30_000);
    expect(ticket).toMatchObject({ channel: 'telegram', conversationId: String(GROUP) });
    expect(ticket.reporter.telegramId).toBe('401');

    expect(await intakeSenders()).toEqual(['401']);
    const { tickets } = await p.tickets.list({ channel: ['telegram'], limit: 10, offset: 0 });
    expect(tickets.map((t) => t.number)).toEqual([number]);
  });
});
