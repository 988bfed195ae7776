import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { SingleBar } from 'cli-progress';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { openDatabase } from '../adapters/db/index.js';
import { startManagedRedis } from '../adapters/queue/managed-redis.js';
import { BullmqJobScheduler } from '../adapters/queue/bullmq-job-scheduler.js';
import { buildTimerServices } from '../cli/runtime/timers-role.js';
import { startPostgresServer } from '../test/support/postgres-server.js';
import { percentile, printTable, round, rssSampler, writeResults, type Metrics } from './support/results.js';

/** SLA_BENCH_TIMERS / SLA_BENCH_SPREAD_S shrink the run for a smoke check (e.g. 300 and 20). */
const N = Number(process.env.SLA_BENCH_TIMERS ?? 10_000);
const SPREAD_S = Number(process.env.SLA_BENCH_SPREAD_S ?? 180);
/** Worker processes firing side by side; one of them is killed halfway. 1 = no standby while it restarts. */
const WORKERS = Number(process.env.SLA_BENCH_WORKERS ?? 2);
const silent = pino({ level: 'silent' });

interface WorkerProcess {
  child: ChildProcess;
  ready: Promise<string>;
  peakRssMb(): number;
}

function spawnWorker(env: NodeJS.ProcessEnv): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'sla-worker.child.ts')],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let peak = 0;
  const ready = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('ready ')) resolve(line.slice(6));
      else if (line.startsWith('rss ')) peak = Math.max(peak, Number(line.slice(4)));
    });
  });
  ready.catch(() => undefined);
  return { child, ready, peakRssMb: () => peak };
}

export async function runSlaBench(): Promise<void> {
  const redisDir = await mkdtemp(join(tmpdir(), 'deskbot-bench-sla-'));
  const redis = await startManagedRedis({ dataDir: redisDir, logger: silent });
  let pg: Awaited<ReturnType<typeof startPostgresServer>>;
  try {
    pg = await startPostgresServer({ durable: true });
  } catch (e) {
    console.error(
      `the sla bench needs PostgreSQL server binaries (apt-get install postgresql): ${String(e)}`,
    );
    await redis.stop();
    process.exit(3);
  }
  const database = await openDatabase({ databaseUrl: pg.url, dataDir: redisDir, poolSize: 20 });
  const prefix = `bench-sla-${randomUUID().slice(0, 8)}`;
  const jobs = new BullmqJobScheduler({ redisUrl: redis.url, prefix });
  const workers: WorkerProcess[] = [];
  const rss = rssSampler();
  try {
    await database.migrate();
    await database.db.execute(sql`create table bench_firings (
      ticket_id text not null, kind text not null, n int not null,
      due_at timestamptz not null, fired_at timestamptz not null, pid int not null)`);
    const timers = buildTimerServices({ db: database.db, jobs, clock: { now: () => new Date() } });
    const env = { DATABASE_URL: pg.url, REDIS_URL: redis.url, BENCH_PREFIX: prefix };

    for (let i = 0; i < WORKERS; i++) workers.push(spawnWorker(env));
    await Promise.all(workers.map((w) => w.ready));
    // Due times start after scheduling is done (about 2 ms a timer here) and spread evenly.
    const t0 = Date.now() + Math.max(10_000, N * 3);
    console.log(`  scheduling ${N} timers due over ${SPREAD_S} s from ${new Date(t0).toISOString()}`);
    const bar = new SingleBar({ format: '  schedule [{bar}] {value}/{total}' });
    bar.start(N, 0);
    for (let i = 0; i < N; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, N - i) }, (_, j) => {
          const k = i + j;
          const dueAt = new Date(t0 + Math.floor((k * SPREAD_S * 1000) / N));
          return timers.scheduler.schedule({
            ticketId: `bench-${k}`,
            kind: 'bench.remind',
            n: 0,
            dueAt,
            data: {},
          });
        }),
      );
      bar.update(Math.min(N, i + 50));
    }
    bar.stop();
    const scheduledLateMs = Math.max(0, Date.now() - t0);

    // Halfway through the spread: SIGKILL the worker mid-flight and start a new one at once.
    const killAt = t0 + (SPREAD_S * 1000) / 2;
    await delay(Math.max(0, killAt - Date.now()));
    const killedAt = Date.now();
    workers[0]!.child.kill('SIGKILL');
    const replacement = spawnWorker(env);
    workers.push(replacement);
    const reconciliation = JSON.parse(await replacement.ready) as Record<string, number>;
    const restartMs = Date.now() - killedAt;
    console.log(
      `  worker killed halfway; replacement ready after ${restartMs} ms ${JSON.stringify(reconciliation)}`,
    );

    const fireBar = new SingleBar({ format: '  fired    [{bar}] {value}/{total}' });
    fireBar.start(N, 0);
    const deadline = t0 + SPREAD_S * 1000 + 60_000;
    let fired = 0;
    while (Date.now() < deadline) {
      const rows = await database.db.execute<{ c: number }>(
        sql`select count(distinct (ticket_id, kind, n))::int as c from bench_firings`,
      );
      fired = Number((rows as unknown as { rows: Array<{ c: number }> }).rows[0]?.c ?? 0);
      fireBar.update(fired);
      if (fired >= N && Date.now() > t0 + SPREAD_S * 1000) break;
      await delay(1_000);
    }
    await delay(6_000); // a duplicate would come from a stalled job retried after the kill
    fireBar.stop();

    const all = (
      (await database.db.execute(
        sql`select ticket_id, extract(epoch from (fired_at - due_at)) * 1000 as err,
            extract(epoch from due_at) * 1000 as due from bench_firings`,
      )) as unknown as { rows: Array<{ ticket_id: string; err: string; due: string }> }
    ).rows;
    // Steady state: due before the kill, so no restart in the way.
    const steady = all
      .filter((r) => Number(r.due) < killedAt)
      .map((r) => Number(r.err))
      .sort((a, b) => a - b);
    const perKey = new Map<string, number>();
    for (const r of all) perKey.set(r.ticket_id, (perKey.get(r.ticket_id) ?? 0) + 1);
    const duplicated = [...perKey.values()].reduce((s, c) => s + (c - 1), 0);
    const lost = N - perKey.size;
    const errors = all.map((r) => Number(r.err)).sort((a, b) => a - b);
    const inRestart = (
      (await database.db.execute(
        sql`select extract(epoch from (fired_at - due_at)) * 1000 as err from bench_firings
            where due_at < ${new Date(killedAt + restartMs).toISOString()} and due_at >= ${new Date(killedAt).toISOString()}`,
      )) as unknown as { rows: Array<{ err: string }> }
    ).rows.length;
    const states = (
      (await database.db.execute(
        sql`select state, count(*)::int as c from timers group by state`,
      )) as unknown as {
        rows: Array<{ state: string; c: number }>;
      }
    ).rows;

    const metrics: Metrics = {
      timers: N,
      worker_processes: WORKERS,
      spread_s: SPREAD_S,
      p50_fire_error_ms: round(percentile(errors, 50)),
      p99_fire_error_ms: round(percentile(errors, 99)),
      max_fire_error_ms: round(errors.at(-1) ?? Number.NaN),
      p50_fire_error_ms_before_kill: round(percentile(steady, 50)),
      p99_fire_error_ms_before_kill: round(percentile(steady, 99)),
      lost,
      duplicated,
      worker_restart_ms: restartMs,
      due_during_restart: inRestart,
      scheduling_overran_ms: scheduledLateMs,
      worker_peak_rss_mb: Math.max(...workers.map((w) => w.peakRssMb())),
      bench_process_peak_rss_mb: round(rss.peakMb()),
      timers_left_pending: states.find((s) => s.state === 'pending')?.c ?? 0,
    };
    printTable(
      `sla timers: ${N} durable timers over ${SPREAD_S} s, ${WORKERS} worker process(es), one SIGKILLed halfway`,
      [
        [
          'p50 / p99 / max firing error (ms)',
          `${metrics.p50_fire_error_ms} / ${metrics.p99_fire_error_ms} / ${metrics.max_fire_error_ms}`,
        ],
        [
          'due before the kill: p50 / p99 (ms)',
          `${metrics.p50_fire_error_ms_before_kill} / ${metrics.p99_fire_error_ms_before_kill}`,
        ],
        ['target p99 (ms)', 1000],
        ['lost / duplicated', `${lost} / ${duplicated}`],
        ['worker restart: kill → replacement ready (ms)', restartMs],
        ['timers due during the restart', inRestart],
        ['worker peak RSS (MB)', metrics.worker_peak_rss_mb!],
        ['timer rows still pending', metrics.timers_left_pending!],
      ],
    );
    console.log(`\n  written to ${await writeResults('sla', metrics)}`);
  } finally {
    rss.stop();
    for (const w of workers) w.child.kill('SIGKILL');
    await jobs.close();
    await database.close();
    await pg.stop();
    await redis.stop();
    await rm(redisDir, { recursive: true, force: true });
  }
}
