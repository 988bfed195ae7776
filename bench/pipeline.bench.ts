import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { pino } from 'pino';
import { readDeskFile } from '../adapters/config/index.js';
import { openDatabase } from '../adapters/db/index.js';
import { startManagedRedis } from '../adapters/queue/managed-redis.js';
import { notifyQueue } from '../adapters/queue/queue-names.js';
import { createRedisConnection } from '../adapters/queue/redis-connection.js';
import { buildServices, type Services } from '../cli/runtime/build-services.js';
import type { DeskSettings } from '../core/desk/desk-settings.js';
import { inboundMessageSchema, type InboundMessage } from '../core/inbound/inbound-message.js';
import { startWorkers } from '../workers/main.js';
import { startPostgresServer } from '../test/support/postgres-server.js';
import { percentile, printTable, round, rssSampler, writeResults, type Metrics } from './support/results.js';

const N_RAW = Number(process.env.BENCH_RAW_JOBS ?? 20_000);
const N_BURST = Number(process.env.BENCH_PIPELINE_N ?? 5_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const OPEN_LOOP_S = Number(process.env.BENCH_OPEN_LOOP_S ?? 15);
/** The product's defaults unless asked otherwise: WORKER_CONCURRENCY 64, a pool of 10 connections. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const silent = pino({ level: 'silent' });

const REPORTS: Array<[string, string]> = [
  ['打印机卡纸了，打印不出来', '行政楼3层'],
  ['电脑蓝屏，重启也不行', '科研楼A座502'],
  ['办公室断网了，上不了网', '图书馆2层'],
  ['饭卡充值没到账', '学生食堂1层'],
  ['会议室投影没信号', '行政楼5层会议室'],
  ['座机没有拨号音', '1号教学楼201'],
  ['门禁刷卡开不了门', '科研楼B座1层'],
  ['outlook打不开，一直转圈', '行政楼208'],
  ['VPN连不上', '图书馆4层'],
  ['复印机缺粉', '2号教学楼办公室'],
];

function report(i: number): InboundMessage {
  const [text, location] = REPORTS[i % REPORTS.length] ?? REPORTS[0]!;
  return inboundMessageSchema.parse({
    channel: 'web',
    externalId: randomUUID(),
    receivedAt: new Date(),
    sender: { name: `用户${i}`, phone: `1380000${String(i % 10_000).padStart(4, '0')}` },
    text: `${text}（${i}）`,
    fields: { location },
  });
}

/** Same-run baseline: no-op jobs through BullMQ on the same Redis, same worker concurrency. */
async function rawBullmqJobsPerSecond(redisUrl: string): Promise<number> {
  const prefix = `bench-raw-${randomUUID().slice(0, 8)}`;
  const producer = createRedisConnection(redisUrl, 'producer');
  const consumer = createRedisConnection(redisUrl, 'worker');
  const queue = new Queue('noop', { connection: producer, prefix });
  for (let i = 0; i < N_RAW; i += 1000)
    await queue.addBulk(
      Array.from({ length: Math.min(1000, N_RAW - i) }, (_, k) => ({ name: 'noop', data: { i: i + k } })),
    );
  let done = 0;
  const started = performance.now();
  const worker = new Worker('noop', async () => undefined, {
    connection: consumer,
    prefix,
    concurrency: CONCURRENCY,
  });
  await new Promise<void>((resolve) => worker.on('completed', () => ++done === N_RAW && resolve()));
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await Promise.all([producer.quit(), consumer.quit()]);
  return N_RAW / seconds;
}

/**
 * Follows each report from submit to the end of dispatch (acknowledgement enqueued or delivered).
 * Wraps the use cases' `execute` so it sees both paths: the steps run inline in the intake job
 * (the default) and the steps run from their own queues (the fallback).
 */
function tracker(useCases: Services['useCases']) {
  const submittedAt = new Map<string, number>();
  const externalOf = new Map<string, string>();
  const doneAt = new Map<string, number>();
  let waiter: { count: number; resolve: () => void } | null = null;
  const ingest = useCases.ingest;
  const ingestExecute = ingest.execute.bind(ingest);
  ingest.execute = async (message) => {
    const result = await ingestExecute(message);
    if (result.ok) externalOf.set(result.value.ticketId, message.externalId);
    return result;
  };
  const finished = (ticketId: string) => {
    if (doneAt.has(ticketId)) return;
    doneAt.set(ticketId, performance.now());
    if (waiter && doneAt.size >= waiter.count) waiter.resolve();
  };
  // Done: dispatched (or left with the desk by dispatch), or left with the desk by an unsure
  // classification; either way the reporter's acknowledgement has been enqueued.
  const classify = useCases.classify;
  const classifyExecute = classify.execute.bind(classify);
  classify.execute = async (ticketId) => {
    const result = await classifyExecute(ticketId);
    if (result.ok && 'route' in result.value && result.value.route !== 'dispatch') finished(ticketId);
    return result;
  };
  const dispatch = useCases.dispatch;
  const dispatchExecute = dispatch.execute.bind(dispatch);
  dispatch.execute = async (ticketId) => {
    const result = await dispatchExecute(ticketId);
    if (result.ok) finished(ticketId);
    return result;
  };
  return {
    submitted: (m: InboundMessage) => submittedAt.set(m.externalId, performance.now()),
    done: () => doneAt.size,
    until: (count: number, timeoutMs: number) =>
      new Promise<void>((resolve, reject) => {
        if (doneAt.size >= count) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`only ${doneAt.size}/${count} tickets done in ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiter = { count, resolve: () => (clearTimeout(timer), resolve()) };
      }),
    /** Latencies (ms) of the reports whose external ids are given. */
    latencies(externalIds: Set<string>): number[] {
      const out: number[] = [];
      for (const [ticketId, at] of doneAt) {
        const ext = externalOf.get(ticketId);
        const from = ext && externalIds.has(ext) ? submittedAt.get(ext) : undefined;
        if (from !== undefined) out.push(at - from);
      }
      return out.sort((a, b) => a - b);
    },
  };
}

async function drained(queue: Queue): Promise<void> {
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed');
    if (Object.values(counts).every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface RunFigures {
  ticketsPerS: number;
  p50: number;
  p95: number;
  p99: number;
  openLoopDone: number;
  /** Reports/s the open loop actually submitted (RATE unless this process could not keep up). */
  offeredPerS: number;
}

async function pipelineRun(
  label: string,
  redisUrl: string,
  databaseUrl: string | null,
  desk: DeskSettings,
): Promise<RunFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), `deskbot-bench-${label}-`));
  const database = await openDatabase({ databaseUrl, dataDir, logger: silent });
  await database.migrate();
  const prefix = `bench-${label}-${randomUUID().slice(0, 8)}`;
  const services = buildServices({
    database,
    desk,
    redisUrl,
    queuePrefix: prefix,
    enabledChannels: new Set(['web']),
    logger: silent,
  });
  await services.people.syncRoster(desk.people);
  const track = tracker(services.useCases);
  const pool = startWorkers({
    redisUrl,
    prefix,
    concurrency: CONCURRENCY,
    logger: silent,
    useCases: services.useCases,
  });
  let total = 0;
  const submit = async (batch: InboundMessage[]) => {
    for (const m of batch) track.submitted(m);
    total += batch.length;
    await Promise.all(batch.map((m) => services.intake.submit(m)));
  };
  try {
    await submit(Array.from({ length: 100 }, (_, i) => report(i)));
    await track.until(total, 60_000);

    // Sustained throughput: a backlog of N reports, first submit to last dispatch.
    const burst = Array.from({ length: N_BURST }, (_, i) => report(i));
    const t0 = performance.now();
    for (let i = 0; i < burst.length; i += 200) await submit(burst.slice(i, i + 200));
    await track.until(total, 600_000);
    const ticketsPerS = N_BURST / ((performance.now() - t0) / 1000);
    console.log(`  ${label}: burst of ${N_BURST} done, ${round(ticketsPerS)} tickets/s`);
    // Let the burst's trailing acknowledgements drain, so the latency run starts on an idle pipeline.
    await drained(services.scheduler.queue(notifyQueue('web')));

    // Latency under an offered load of RATE reports/s (open loop: submissions do not wait). What is
    // owed follows the clock, not the ticks: a busy event loop (PGlite runs in it) delays ticks, and
    // counting ticks would quietly offer less than RATE.
    const openLoop = new Set<string>();
    const tickMs = 10;
    let sent = 0;
    const start = performance.now();
    for (let k = 0; sent < RATE * OPEN_LOOP_S; k += 1) {
      const due = Math.min(RATE * OPEN_LOOP_S, Math.floor((RATE * (performance.now() - start)) / 1000));
      const batch = Array.from({ length: due - sent }, (_, i) => report(sent + i));
      sent = due;
      for (const m of batch) openLoop.add(m.externalId);
      void submit(batch);
      const next = start + (k + 1) * tickMs;
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
    const offeredPerS = sent / ((performance.now() - start) / 1000);
    await track.until(total, 120_000);
    const lat = track.latencies(openLoop);
    return {
      ticketsPerS,
      p50: percentile(lat, 50),
      p95: percentile(lat, 95),
      p99: percentile(lat, 99),
      openLoopDone: lat.length,
      offeredPerS,
    };
  } finally {
    await pool.close();
    await services.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function runPipelineBench(): Promise<void> {
  const deskFile = readDeskFile(join(import.meta.dirname, '..', 'desk.example.yaml'));
  if (!deskFile.ok) throw new Error('desk.example.yaml does not load');
  const desk = deskFile.value;
  const redisDir = await mkdtemp(join(tmpdir(), 'deskbot-bench-redis-'));
  const redis = await startManagedRedis({ dataDir: redisDir, logger: silent });
  let pg: Awaited<ReturnType<typeof startPostgresServer>>;
  try {
    pg = await startPostgresServer({ durable: true });
  } catch (e) {
    console.error(
      `the pipeline bench needs PostgreSQL server binaries (Debian: apt-get install postgresql): ${String(e)}`,
    );
    process.exit(3);
  }
  try {
    console.log(`  raw BullMQ baseline: ${N_RAW} no-op jobs, concurrency ${CONCURRENCY}`);
    const raw = await rawBullmqJobsPerSecond(redis.url);
    console.log(`  raw BullMQ: ${round(raw)} jobs/s`);
    // Peak RSS per run: the PostgreSQL run first, before PGlite's WebAssembly heap exists in this process.
    const pgRss = rssSampler();
    const onPg = await pipelineRun('pg', redis.url, pg.url, desk);
    pgRss.stop();
    const pgliteRss = rssSampler();
    const onPglite = await pipelineRun('pglite', redis.url, null, desk);
    pgliteRss.stop();
    const metrics: Metrics = {
      tickets_per_s_pg: round(onPg.ticketsPerS),
      tickets_per_s_pglite: round(onPglite.ticketsPerS),
      p50_ms_at_200rps: round(onPg.p50),
      p95_ms_at_200rps: round(onPg.p95),
      p99_ms_at_200rps: round(onPg.p99),
      p99_ms_at_200rps_pglite: round(onPglite.p99),
      raw_bullmq_jobs_per_s: round(raw),
      ratio_pg_tickets_to_raw_jobs: round(onPg.ticketsPerS / raw, 3),
      ratio_pglite_to_pg: round(onPglite.ticketsPerS / onPg.ticketsPerS, 3),
      rss_mb: round(pgRss.peakMb()),
      rss_mb_pglite: round(pgliteRss.peakMb()),
      offered_rps: RATE,
      offered_rps_measured_pg: round(onPg.offeredPerS),
      offered_rps_measured_pglite: round(onPglite.offeredPerS),
      burst_reports: N_BURST,
      worker_concurrency: CONCURRENCY,
    };
    printTable('pipeline (intake → classify → dispatch → acknowledgement enqueued)', [
      ['PostgreSQL server: tickets/s (sustained)', metrics.tickets_per_s_pg!],
      ['PGlite embedded:   tickets/s (sustained)', metrics.tickets_per_s_pglite!],
      [
        `PostgreSQL p50/p95/p99 ms at ${RATE}/s`,
        `${metrics.p50_ms_at_200rps} / ${metrics.p95_ms_at_200rps} / ${metrics.p99_ms_at_200rps} (offered ${metrics.offered_rps_measured_pg}/s)`,
      ],
      [
        `PGlite p50/p95/p99 ms at ${RATE}/s`,
        `${round(onPglite.p50)} / ${round(onPglite.p95)} / ${round(onPglite.p99)} (offered ${metrics.offered_rps_measured_pglite}/s)`,
      ],
      ['raw BullMQ no-op jobs/s (baseline)', metrics.raw_bullmq_jobs_per_s!],
      ['tickets/s ÷ raw jobs/s (PostgreSQL)', metrics.ratio_pg_tickets_to_raw_jobs!],
      ['peak RSS, all roles in one process, PostgreSQL (MB)', metrics.rss_mb!],
      ['peak RSS, all roles in one process, PGlite (MB)', metrics.rss_mb_pglite!],
    ]);
    console.log(`\n  written to ${await writeResults('pipeline', metrics)}`);
  } finally {
    await pg.stop();
    await redis.stop();
    await rm(redisDir, { recursive: true, force: true });
  }
}
