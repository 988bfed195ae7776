import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import type { Logger } from 'pino';
import type { AppConfig } from '../../adapters/config/app-config.js';
import { DrizzleCallRepository } from '../../adapters/db/call.repository.js';
import { openDatabase } from '../../adapters/db/index.js';
import { importCallFile, type CallFileFormat, type CallImportSummary } from '../../adapters/phone/index.js';
import { DEFAULT_PHONE_SETTINGS } from '../../core/phone/index.js';

export const IMPORT_CALLS_USAGE = `deskbot import calls FILE [--format asterisk|mapped] [--batch 2000] [--quiet]
  FILE      an Asterisk cdr_csv Master.csv (16, 17, 18, 19, 20 or 21 columns), or with --format mapped
            a CSV read through desk.yaml phone.csv
  Re-importing a file (or one that overlaps) is harmless: calls are keyed by linkedid / uniqueid.`;

const MB = 1024 * 1024;

function printSummary(s: CallImportSummary, seconds: number): void {
  const rate = seconds > 0 ? Math.round(s.rows / seconds) : s.rows;
  console.log(
    `rows ${s.rows} in ${seconds.toFixed(1)} s (${rate} rows/s): ` +
      `${s.inserted} new calls, ${s.merged} calls completed by further legs, ` +
      `${s.duplicates} rows already known or repeating a leg, ${s.rejected} rejected`,
  );
  for (const [reason, n] of Object.entries(s.reasons)) console.log(`  rejected ${n}× ${reason}`);
  for (const r of s.rejections.slice(0, 20)) console.log(`  line ${r.line}: ${r.reason}`);
  if (s.rejected > 20) console.log(`  … ${s.rejected - 20} more rejected rows`);
}

/** `deskbot import calls FILE`: stream a call-record file of any size into the calls table. */
export async function importCallsCommand(argv: string[], config: AppConfig, logger: Logger): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'asterisk' },
      batch: { type: 'string', default: '2000' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  const format = values.format as CallFileFormat;
  const batchSize = Number(values.batch);
  const problem = !file
    ? 'no FILE given'
    : !existsSync(file)
      ? `${file} does not exist`
      : !['asterisk', 'mapped'].includes(format)
        ? `--format must be asterisk or mapped, not ${format}`
        : !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000
          ? '--batch must be a whole number from 1 to 50000'
          : format === 'mapped' && !config.desk.phone?.csv
            ? '--format mapped needs a phone.csv mapping in desk.yaml'
            : null;
  if (problem || !file) {
    console.error(`${problem}\n\nUsage: ${IMPORT_CALLS_USAGE}`);
    return 2;
  }
  const phone = config.desk.phone ?? DEFAULT_PHONE_SETTINGS;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  const bar = new SingleBar(
    {
      format: 'importing calls [{bar}] {percentage}% | {value}/{total} MB | {eta_formatted} left',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  try {
    await database.migrate();
    const started = Date.now();
    let shown = false;
    let shownMb = -1;
    const summary = await importCallFile(file, new DrizzleCallRepository(database.db), {
      format,
      timeZone: phone.timeZone ?? config.desk.timezone,
      hotlines: config.desk.hotlines,
      ...(phone.csv ? { mapping: phone.csv } : {}),
      batchSize,
      // Called per 64 KB read; the bar moves per MB.
      onProgress: (read, total) => {
        if (values.quiet) return;
        if (!shown) bar.start(Math.max(1, Math.ceil(total / MB)), 0);
        shown = true;
        const mb = Math.min(Math.ceil(total / MB), Math.floor(read / MB));
        if (mb !== shownMb) bar.update(mb);
        shownMb = mb;
      },
    });
    if (shown) {
      bar.update(Math.ceil(summary.bytes / MB));
      bar.stop();
    }
    printSummary(summary, (Date.now() - started) / 1000);
    logger.info({ ...summary, rejections: undefined, file }, 'call records imported');
    return 0;
  } catch (e) {
    bar.stop();
    console.error(`import failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await database.close();
  }
}
