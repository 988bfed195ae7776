/**
 * CDR import (issue 7): a generated Asterisk Master.csv of BENCH_CDR_ROWS rows (default 1,000,000;
 * `--smoke` = 20,000) in the 21-column layout, two ring-group legs per call sharing a linkedid, is
 * streamed into the calls table of a PostgreSQL server. Reports rows/s and this process's peak RSS
 * (targets ≥ 50,000 rows/s, ≤ 300 MB), against same-run baselines reading the same file and doing
 * nothing else: csv-parse (what the import used before, and what it is still measured against) and
 * the import's own CSV reader (what the import cannot be faster than).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { DrizzleCallRepository } from '../adapters/db/call.repository.js';
import { openDatabase } from '../adapters/db/index.js';
import { importCallFile } from '../adapters/phone/index.js';
import { CsvRecordParser } from '../adapters/phone/csv-records.js';
import { startPostgresServer } from '../test/support/postgres-server.js';
import { printTable, round, rssSampler, writeResults, type Metrics } from './support/results.js';

const SMOKE = process.argv.includes('--smoke');
const ROWS = SMOKE ? 20_000 : Number(process.env.BENCH_CDR_ROWS ?? 1_000_000);
const TARGET_ROWS_PER_S = 50_000;
const TARGET_RSS_MB = 300;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const wall = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const DISPOSITIONS = ['ANSWERED', 'ANSWERED', 'ANSWERED', 'ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED'];

/** Writes `rows` CDR rows the way cdr_csv does: quoted strings, unquoted numbers, empty answer times. */
async function generate(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  const start = Date.UTC(2025, 0, 1);
  let chunk = '';
  for (let i = 0; i < rows; i += 1) {
    const call = Math.floor(i / 2);
    const leg = i % 2;
    const t = start + call * 37_000;
    const outcome = DISPOSITIONS[call % DISPOSITIONS.length] ?? 'ANSWERED';
    // The first leg rings the desk phone, the second the overflow; one of them answers.
    const answered = outcome === 'ANSWERED' && leg === call % 2;
    const disposition = answered ? 'ANSWERED' : outcome === 'ANSWERED' ? 'NO ANSWER' : outcome;
    const caller = `1390000${pad(call % 10_000, 4)}`;
    const billsec = answered ? 30 + (call % 300) : 0;
    const linked = `1735689600.${call}`;
    chunk +=
      `"","${caller}","${call % 10 === 0 ? '8001' : '88886666'}","from-pstn","""${caller}"" <${caller}>",` +
      `"SIP/trunk-${pad(call % 65536, 8)}","SIP/80${leg}-${pad(i % 65536, 8)}","Dial","SIP/801&SIP/802,30,t",` +
      `"${wall(t)}",${answered ? `"${wall(t + 5000)}"` : ''},"${wall(t + 5000 + billsec * 1000)}",` +
      `${5 + billsec},${billsec},"${disposition}","DOCUMENTATION","${linked}${leg ? `.${leg}` : ''}","","",` +
      `"${linked}",${i}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return (await stat(file)).size;
}

async function parseOnly(file: string): Promise<number> {
  let n = 0;
  const parser = createReadStream(file).pipe(parse({ relax_column_count: true, info: true }));
  for await (const _ of parser) n += 1;
  return n;
}

/** The import's CSV reader alone, reading as the import does (64 KB chunks). */
async function readOnly(file: string): Promise<number> {
  let n = 0;
  const csv = new CsvRecordParser({ record: () => void (n += 1), skip: () => undefined });
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) csv.write(chunk as Buffer);
  csv.end();
  return n;
}

export async function runCdrImportBench(): Promise<Metrics> {
  const dir = await mkdtemp(join(tmpdir(), 'deskbot-cdr-'));
  const file = join(dir, 'Master.csv');
  const server = await startPostgresServer();
  try {
    console.log(`generating ${ROWS.toLocaleString()} CDR rows…`);
    const bytes = await generate(file, ROWS);
    const database = await openDatabase({ databaseUrl: server.url, dataDir: dir });
    try {
      await database.migrate();
      const p0 = performance.now();
      const parsed = await parseOnly(file);
      const parseS = (performance.now() - p0) / 1000;
      const r0 = performance.now();
      const read = await readOnly(file);
      const readS = (performance.now() - r0) / 1000;

      const rss = rssSampler(50);
      const baseRss = process.memoryUsage().rss / 2 ** 20;
      const t0 = performance.now();
      const summary = await importCallFile(file, new DrizzleCallRepository(database.db), {
        format: 'asterisk',
        timeZone: 'Asia/Shanghai',
        hotlines: ['88886666'],
      });
      const importS = (performance.now() - t0) / 1000;
      rss.stop();
      const t1 = performance.now();
      const again = await importCallFile(file, new DrizzleCallRepository(database.db), {
        format: 'asterisk',
        timeZone: 'Asia/Shanghai',
        hotlines: ['88886666'],
      });
      const reimportS = (performance.now() - t1) / 1000;
      if (summary.rejected > 0 || summary.inserted !== Math.ceil(ROWS / 2) || again.inserted !== 0)
        throw new Error(
          `unexpected import outcome: ${JSON.stringify({ ...summary, rejections: undefined })}`,
        );

      const rowsPerS = ROWS / importS;
      const parseRowsPerS = parsed / parseS;
      const readRowsPerS = read / readS;
      const peak = rss.peakMb();
      const metrics: Metrics = {
        import_rows: ROWS,
        import_rows_per_s: Math.round(rowsPerS),
        import_rss_mb: round(peak),
        import_parse_only_rows_per_s: Math.round(parseRowsPerS),
        import_read_only_rows_per_s: Math.round(readRowsPerS),
        import_reimport_rows_per_s: Math.round(ROWS / reimportS),
        import_file_mb: round(bytes / 2 ** 20),
      };
      printTable(
        `CDR import: ${ROWS.toLocaleString()} rows, ${round(bytes / 2 ** 20)} MB, PostgreSQL server`,
        [
          ['parse only, csv-parse (baseline)', `${Math.round(parseRowsPerS).toLocaleString()} rows/s`],
          ['read only, import CSV reader', `${Math.round(readRowsPerS).toLocaleString()} rows/s`],
          [
            'import',
            `${Math.round(rowsPerS).toLocaleString()} rows/s (${round(rowsPerS / parseRowsPerS, 2)}× csv-parse, ` +
              `${round(rowsPerS / readRowsPerS, 2)}× reader only) ` +
              `${rowsPerS >= TARGET_ROWS_PER_S ? 'ok' : 'UNDER 50,000'}`,
          ],
          ['re-import (all duplicates)', `${Math.round(ROWS / reimportS).toLocaleString()} rows/s`],
          [
            'peak RSS',
            `${round(peak)} MB (${round(baseRss)} MB before) ${peak <= TARGET_RSS_MB ? 'ok' : 'OVER 300 MB'}`,
          ],
          [
            'calls',
            `${summary.inserted.toLocaleString()} new, ${summary.duplicates.toLocaleString()} legs merged`,
          ],
        ],
      );
      await writeResults('cdr-import', metrics);
      return metrics;
    } finally {
      await database.close();
    }
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Adds the CDR import figures to bench/results/kpi.json (written by the KPI bench in the same run). */
export async function mergeIntoKpiResults(metrics: Metrics): Promise<void> {
  const file = join(import.meta.dirname, 'results', 'kpi.json');
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // The KPI bench did not write one (it failed or did not run): the import figures stand alone.
  }
  const numbers = Object.fromEntries(
    Object.entries(existing).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
  await writeResults('kpi', { ...numbers, ...metrics });
}
