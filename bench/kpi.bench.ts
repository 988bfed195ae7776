/**
 * KPI queries over generated tickets on a PostgreSQL server: `npm run bench -- kpi`.
 * Loads BENCH_KPI_TICKETS tickets (default 1,000,000; `--smoke` = 20,000) spread over one year, with
 * their milestones, ratings and 1% complaint events, by INSERT … SELECT generate_series; then times
 * every KPI query the report runs over the whole year and over one month, against a plain
 * `count(*)` of the same rows measured in the same run (the floor). Target: each query ≤ 1 s.
 * Queries carry the desk zone, so whole local days come from the daily roll-up (sealed once, timed);
 * the same year summed from the tickets, and a late update to sealed tickets, are timed beside them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../adapters/db/index.js';
import { DrizzleKpiRepository } from '../adapters/db/kpi.repository.js';
import type { KpiGrouping } from '../core/kpi/index.js';
import type { KpiQuery } from '../core/ports/index.js';
import { startPostgresServer } from '../test/support/postgres-server.js';
import { printTable, round, writeResults, type Metrics } from './support/results.js';

const SMOKE = process.argv.includes('--smoke');
const TICKETS = Number(process.env.BENCH_KPI_TICKETS ?? (SMOKE ? 20_000 : 1_000_000));
const YEAR_FROM = new Date('2025-01-01T00:00:00Z');
const YEAR_TO = new Date('2026-01-01T00:00:00Z');
const TARGET_MS = 1000;
const ZONE = 'Asia/Shanghai';
const RUNS = 3;

const SEED_TICKETS = sql.raw(`
  insert into tickets (id, number, status, channel, type, priority, category, title, description,
    reporter_name, reporter_department, assignee_id, dispatch_count, reported_at, created_at, updated_at,
    dispatched_at, acknowledged_at, arrived_at, departed_at, resolved_at, resolution_remote, rating)
  select 'b' || g, 'INC-B-' || g, case when g % 10 < 7 then 'resolved' else 'dispatched' end, 'web',
    case when g % 4 = 0 then 'request' else 'fault' end, 'P3',
    (array['电脑','网络','打印机','一卡通','视频系统','电话','门禁系统','其他'])[g % 8 + 1], 't', 'd', 'r',
    'dept-' || (g % 40), 'eng-' || (g % 60), g % 3, r, r, r,
    case when g % 3 > 0 then r + interval '5 min' end,
    case when g % 3 > 0 and g % 7 > 0 then r + (g % 17) * interval '1 min' end,
    case when g % 5 = 0 then r + interval '40 min' end,
    case when g % 5 = 0 then r + interval '100 min' end,
    case when g % 10 < 7 then r + interval '3 hours' end,
    case when g % 10 < 7 then g % 10 < 5 end,
    case when g % 10 < 7 and g % 2 = 0 then g % 5 + 1 end
  from (select g, timestamptz '2025-01-01' + (g % 525600) * interval '1 min' as r
        from generate_series(1, ${TICKETS}) g) s`);

const SEED_EVENTS = sql.raw(`
  insert into ticket_events (ticket_id, type, at, actor_kind, actor_name, channel, data)
  select t.id, e.type, t.reported_at, 'system', 'bench', 'system', '{}'::jsonb
  from tickets t cross join (values ('created'), ('dispatched'), ('acknowledged'), ('resolved')) e(type)
  union all
  select id, 'complaint', reported_at, 'reporter', 'bench', 'web', '{}'::jsonb from tickets
  where substr(id, 2)::int % 100 = 0`);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export async function runKpiBench(): Promise<void> {
  const server = await startPostgresServer();
  try {
    const database = await openDatabase({ databaseUrl: server.url, dataDir: tmpdir() });
    try {
      await database.migrate();
      const load = performance.now();
      console.log(
        `loading ${TICKETS.toLocaleString()} tickets and ${(TICKETS * 4.01).toLocaleString()} events…`,
      );
      await database.db.execute(SEED_TICKETS);
      await database.db.execute(SEED_EVENTS);
      await database.db.execute(sql`vacuum analyze`);
      const loadS = (performance.now() - load) / 1000;
      console.log(`loaded in ${round(loadS)} s`);

      const repo = new DrizzleKpiRepository(database.db);
      // The first read with the desk's zone seals every closed day into the daily roll-up (once).
      const seal = performance.now();
      await repo.sealRollup(ZONE, 10, YEAR_TO);
      const sealS = (performance.now() - seal) / 1000;
      console.log(`daily roll-up sealed in ${round(sealS)} s`);
      const query = (by: KpiGrouping | null, from = YEAR_FROM, to = YEAR_TO): KpiQuery => ({
        period: { from, to },
        by,
        responseMinutes: 10,
        asOf: YEAR_TO,
        timeZone: ZONE,
      });
      const floorMs = await timed(() =>
        database.db.execute(
          sql`select count(*) from tickets where reported_at >= ${YEAR_FROM} and reported_at < ${YEAR_TO}`,
        ),
      );
      const month = [new Date('2025-06-01T00:00:00Z'), new Date('2025-07-01T00:00:00Z')] as const;
      const cases: Array<[string, () => Promise<unknown>]> = [
        ['year_total', () => repo.ticketCounts(query(null))],
        ['year_by_department', () => repo.ticketCounts(query('department'))],
        ['year_by_category', () => repo.ticketCounts(query('category'))],
        ['year_by_engineer', () => repo.ticketCounts(query('engineer'))],
        ['year_workload', () => repo.workload(query(null))],
        ['year_calls', () => repo.callCounts(query('department'))],
        ['month_by_department', () => repo.ticketCounts(query('department', ...month))],
        ['month_workload', () => repo.workload(query(null, ...month))],
      ];
      // Baselines: the same year summed from the tickets themselves (no zone), and a late change
      // to 1,000 sealed tickets, whose triggers move the roll-up in the same statement.
      const liveMs = await timed(() => repo.ticketCounts({ ...query('engineer'), timeZone: undefined }));
      const lateMs = await timed(() =>
        database.db.execute(sql`update tickets set rating = coalesce(rating, 0) % 5 + 1
          where id in (select 'b' || g from generate_series(1, ${TICKETS}, ${Math.max(1, Math.floor(TICKETS / 1000))}) g)`),
      );
      const metrics: Metrics = {
        kpi_tickets: TICKETS,
        kpi_load_s: round(loadS),
        kpi_rollup_seal_s: round(sealS),
        kpi_count_floor_ms: round(floorMs),
        kpi_year_by_engineer_from_tickets_ms: round(liveMs),
        kpi_late_update_1000_sealed_ms: round(lateMs),
      };
      const rows: Array<[string, string]> = [
        ['count(*) floor', `${round(floorMs)} ms`],
        ['year_by_engineer from tickets', `${round(liveMs)} ms (no roll-up)`],
        ['update 1,000 sealed tickets', `${round(lateMs)} ms (roll-up moved by triggers)`],
        ['roll-up seal (once)', `${round(sealS)} s`],
      ];
      let max = 0;
      for (const [name, fn] of cases) {
        const ms = await timed(fn);
        max = Math.max(max, ms);
        metrics[`kpi_${name}_ms`] = round(ms);
        rows.push([
          name,
          `${round(ms)} ms  (${round(ms / floorMs, 2)}× floor)  ${ms <= TARGET_MS ? 'ok' : 'OVER 1 s'}`,
        ]);
      }
      metrics.kpi_query_max_ms = round(max);
      rows.push(['max', `${round(max)} ms (target ≤ ${TARGET_MS} ms)`]);
      printTable(`KPI queries over ${TICKETS.toLocaleString()} tickets (best of ${RUNS})`, rows);
      // The phone import bench writes its figures into the same file: keep them.
      const file = join(import.meta.dirname, 'results', 'kpi.json');
      const previous = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
      const kept = Object.fromEntries(
        Object.entries(previous).filter(([k, v]) => !k.startsWith('kpi_') && typeof v === 'number'),
      ) as Metrics;
      console.log(`results: ${await writeResults('kpi', { ...kept, ...metrics })}`);
      if (max > TARGET_MS) process.exitCode = 1;
    } finally {
      await database.close();
    }
  } finally {
    await server.stop();
  }
}
