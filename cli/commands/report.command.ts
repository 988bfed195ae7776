import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { Logger } from 'pino';
import type { AppConfig } from '../../adapters/config/app-config.js';
import { DrizzlePersonRepository, openDatabase } from '../../adapters/db/index.js';
import { DrizzleKpiRepository } from '../../adapters/db/kpi.repository.js';
import { REPORT_FORMATS, writeKpiReport, type ReportFormat } from '../../adapters/reports/report-writers.js';
import {
  GetKpiReportUseCase,
  KPI_GROUPINGS,
  periodFromInput,
  type KpiGrouping,
} from '../../core/kpi/index.js';

export const REPORT_USAGE = `deskbot report --from 2026-03-01 --to 2026-03-31 [--format xlsx|csv] [--by department|category|engineer] [--out FILE]`;

/** `deskbot report`: the KPI report for a period as an xlsx workbook or CSV file. Returns the exit code. */
export async function reportCommand(argv: string[], config: AppConfig, logger: Logger): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'xlsx' },
      by: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const fail = (message: string) => {
    console.error(`deskbot report: ${message}\nUsage: ${REPORT_USAGE}`);
    return 64;
  };
  if (!values.from || !values.to) return fail('--from and --to are required.');
  const period = periodFromInput({ from: values.from, to: values.to }, config.desk.timezone);
  if (!period.ok) return fail(`--${period.error.field}: ${period.error.message}`);
  if (!(REPORT_FORMATS as readonly string[]).includes(values.format ?? ''))
    return fail(`--format must be ${REPORT_FORMATS.join(' or ')}.`);
  if (values.by !== undefined && !(KPI_GROUPINGS as readonly string[]).includes(values.by))
    return fail(`--by must be one of ${KPI_GROUPINGS.join(', ')}.`);
  const format = values.format as ReportFormat;
  const out = values.out ?? `kpi-${values.from}-${values.to}.${format}`;

  const bar = new cliProgress.SingleBar(
    { format: 'report [{bar}] {value}/{total} {step}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(3, 0, { step: 'opening the database' });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  try {
    await database.migrate();
    bar.update(1, { step: 'computing KPIs' });
    const report = await new GetKpiReportUseCase({
      kpis: new DrizzleKpiRepository(database.db),
      people: new DrizzlePersonRepository(database.db),
      clock: { now: () => new Date() },
      desk: config.desk,
    }).execute({ period: period.value, by: (values.by as KpiGrouping | undefined) ?? 'department' });
    if (!report.ok) {
      bar.stop();
      return fail(report.error.message);
    }
    bar.update(2, { step: `writing ${out}` });
    await writeKpiReport(report.value, format, out);
    bar.update(3, { step: 'done' });
    bar.stop();
    console.log(
      `wrote ${out}: ${report.value.total.tickets} tickets, ${report.value.engineers.length} engineers`,
    );
    return 0;
  } finally {
    bar.stop();
    await database.close();
  }
}
