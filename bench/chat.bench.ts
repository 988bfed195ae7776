import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { ScanStatus } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { openDatabase } from '../adapters/db/index.js';
import { chatDrafts } from '../adapters/db/schema/index.js';
import { startManagedRedis } from '../adapters/queue/managed-redis.js';
import { buildServices } from '../cli/runtime/build-services.js';
import { startWechatRole } from '../cli/runtime/wechat-role.js';
import { startWorkers } from '../workers/main.js';
import { testDesk } from '../test/support/test-desk.js';
import { percentile, printTable, round, writeResults, type Metrics } from './support/results.js';

const SMOKE = process.argv.includes('--smoke');
const ROOMS = 20;
const RATE = 50; // report lines per second, over all rooms
const SECONDS = SMOKE ? 3 : 12;
const WINDOW_S = 2;
const TARGET_P95_MS = 500;
const BOT_ID = 'wx-bench-bot';
const silent = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const REPORTS = [
  ['打印机卡纸了，打印不出来', '行政楼305 HP打印机'],
  ['电脑蓝屏，重启也不行', '科研楼502 联想台式机'],
  ['办公室断网了，上不了网', '图书馆201 交换机'],
  ['会议室投影没信号', '行政楼501会议室 投影仪'],
  ['门禁刷卡开不了门', '科研楼101 门禁'],
] as const;

type Emitter = { on(event: 'message', listener: (m: mock.MessageMock) => void): void };

/**
 * 20 WeChat rooms on puppet-mock, 50 report lines a second (each reporter sends two lines, so a
 * burst), through the real pipeline: the figure is how long after a burst window ends the bot says
 * the acknowledgement in the room. Baseline: a notification queued straight to the same bot.
 */
export async function runChatBench(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'deskbot-bench-chat-'));
  const redis = await startManagedRedis({ dataDir: join(dataDir, 'redis'), logger: silent });
  const database = await openDatabase({ databaseUrl: null, dataDir, logger: silent, inMemory: true });
  await database.migrate();
  const desk = testDesk({
    chat: {
      burstWindowSeconds: WINDOW_S,
      burstMaxSeconds: 30,
      reportConfidence: 0.6,
      faultCueConfidence: 0.25,
    },
  });
  const enabled = new Set(['web', 'wechat'] as const);
  const services = buildServices({
    database,
    desk,
    redisUrl: redis.url,
    queuePrefix: 'bench-chat',
    enabledChannels: enabled,
    logger: silent,
  });
  await services.people.syncRoster(desk.people);
  const pool = startWorkers({
    redisUrl: redis.url,
    prefix: 'bench-chat',
    concurrency: 32,
    logger: silent,
    useCases: services.useCases,
  });
  const mocker = new mock.Mocker();
  const role = await startWechatRole({
    settings: { puppet: 'wechaty-puppet-mock', puppetServiceToken: null, rooms: [] },
    services,
    redisUrl: redis.url,
    queuePrefix: 'bench-chat',
    dataDir,
    enabledChannels: enabled,
    logger: silent,
    puppet: new PuppetMock({ mocker }),
  });
  mocker.scan('bench', ScanStatus.Waiting);
  const bot = mocker.createContact({ id: BOT_ID, name: 'IT服务台' });
  mocker.login(bot);

  const acks = new Map<string, number>(); // ticket number → when the bot said it
  const said = new Map<string, number>(); // baseline text → when the bot said it
  const rooms = Array.from({ length: ROOMS }, (_, r) => {
    const members = Array.from({ length: 30 }, (_, m) =>
      mocker.createContact({ id: `wx-r${r}-m${m}`, name: `老师${r}-${m}` }),
    );
    const room = mocker.createRoom({
      id: `bench-${r}@chatroom`,
      topic: `报修群${r}`,
      memberIdList: [BOT_ID, ...members.map((m) => m.id)],
    });
    (room as unknown as Emitter).on('message', (m) => {
      if (m.talker().id !== BOT_ID) return;
      const text = m.text() ?? '';
      const number = /INC-\d{8}-\d{4}/.exec(text)?.[0];
      if (number && text.includes('已受理') && !acks.has(number)) acks.set(number, Date.now());
      if (text.startsWith('baseline-') || text.includes(' baseline-'))
        said.set(/baseline-\d+/.exec(text)![0], Date.now());
    });
    return { room, members };
  });
  await sleep(500);

  // Baseline: notifications queued straight to the bot, one per room, through the same notifier.
  const baseline: number[] = [];
  const queuedAt = new Map<string, number>();
  for (let i = 0; i < ROOMS * 3; i++) {
    const key = `baseline-${i}`;
    queuedAt.set(key, Date.now());
    await services.scheduler.enqueue({
      kind: 'notify',
      notification: {
        id: key,
        channel: 'wechat',
        purpose: 'reply',
        ticketId: null,
        ticketNumber: null,
        to: { personId: null, name: 'x', address: null, conversationId: `bench-${i % ROOMS}@chatroom` },
        text: key,
      },
    });
    await sleep(1000 / RATE);
  }
  await waitUntil(() => said.size >= ROOMS * 3, 30_000);
  for (const [k, at] of said) baseline.push(at - queuedAt.get(k)!);

  // The load: reporters take turns across rooms; each sends a fault line, then details a moment later.
  const total = RATE * SECONDS;
  const reporterIds = new Set<string>();
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    // Two reporters interleave in blocks of four lines: A1 B1 A2 B2.
    const k = 2 * Math.floor(i / 4) + (i % 2);
    const first = i % 4 < 2;
    const { room, members } = rooms[k % ROOMS]!;
    const who = members[Math.floor(k / ROOMS) % members.length]!;
    reporterIds.add(who.id);
    const [fault, where] = REPORTS[k % REPORTS.length]!;
    who.say(first ? `${fault}（${k}）` : `${where}，电话1390000${String(k).padStart(4, '0')}`).to(room);
    const due = started + ((i + 1) * 1000) / RATE;
    if (due > Date.now()) await sleep(due - Date.now());
  }
  const sendSeconds = (Date.now() - started) / 1000;
  const reporters = reporterIds.size;
  await waitUntil(() => acks.size >= reporters, (WINDOW_S + 60) * 1000);
  await sleep(WINDOW_S * 1000 + 2000);

  const { tickets } = await services.tickets.list({ channel: ['wechat'], limit: 10_000, offset: 0 });
  const perReporter = new Map<string, number>();
  for (const t of tickets)
    perReporter.set(t.reporter.wechatId ?? '', (perReporter.get(t.reporter.wechatId ?? '') ?? 0) + 1);
  const lost = Math.max(0, reporters - perReporter.size);
  const duplicated = [...perReporter.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  const latencies: number[] = [];
  const toCreated: number[] = [];
  const toDispatched: number[] = [];
  for (const t of tickets) {
    const ackAt = acks.get(t.number);
    const [draft] = await database.db.select().from(chatDrafts).where(eq(chatDrafts.ticketNumber, t.number));
    if (!draft) continue;
    toCreated.push(t.createdAt.getTime() - draft.closesAt.getTime());
    if (t.dispatchedAt) toDispatched.push(t.dispatchedAt.getTime() - draft.closesAt.getTime());
    if (ackAt) latencies.push(ackAt - draft.closesAt.getTime());
  }
  for (const list of [latencies, toCreated, toDispatched]) list.sort((a, b) => a - b);
  baseline.sort((a, b) => a - b);

  const p95 = percentile(latencies, 95);
  const baseP95 = percentile(baseline, 95);
  const metrics: Metrics = {
    p95_ack_ms: round(p95),
    p50_ack_ms: round(percentile(latencies, 50)),
    max_ack_ms: round(latencies[latencies.length - 1] ?? Number.NaN),
    baseline_notify_p95_ms: round(baseP95),
    ratio_p95_to_baseline: round(p95 / baseP95, 2),
    p95_window_end_to_ticket_ms: round(percentile(toCreated, 95)),
    p95_window_end_to_dispatch_ms: round(percentile(toDispatched, 95)),
    report_lines: total,
    lines_per_s: round(total / sendSeconds),
    rooms: ROOMS,
    expected_tickets: reporters,
    tickets: tickets.length,
    acknowledged: latencies.length,
    lost,
    duplicated,
  };
  printTable(
    `chat: ${ROOMS} rooms, ${RATE} report lines/s for ${SECONDS}s, burst window ${WINDOW_S}s${SMOKE ? ' (smoke)' : ''}`,
    [
      [
        'p95 burst end → ack sent',
        `${metrics.p95_ack_ms} ms (target ≤ ${TARGET_P95_MS}; ${p95 <= TARGET_P95_MS ? 'met' : 'NOT met'})`,
      ],
      ['p50 / max', `${metrics.p50_ack_ms} / ${metrics.max_ack_ms} ms`],
      [
        'p95 burst end → ticket / → dispatched',
        `${metrics.p95_window_end_to_ticket_ms} / ${metrics.p95_window_end_to_dispatch_ms} ms`,
      ],
      [
        'baseline: queued → said (p95)',
        `${metrics.baseline_notify_p95_ms} ms (ack p95 is ${metrics.ratio_p95_to_baseline}× it)`,
      ],
      ['lines sent', `${total} at ${metrics.lines_per_s}/s`],
      ['tickets / expected', `${tickets.length} / ${reporters} (lost ${lost}, duplicated ${duplicated})`],
    ],
  );
  console.log(`  results: ${await writeResults('chat', metrics)}`);

  await role.stop();
  await pool.close();
  await services.close();
  await database.close();
  await redis.stop();
  await rm(dataDir, { recursive: true, force: true });
}

async function waitUntil(done: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await sleep(50);
}
