import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { kpiCsv, writeKpiReport } from '../../../adapters/reports/report-writers.js';
import { buildKpiReport, countTickets, countWorkload } from '../../../core/kpi/index.js';
import { dispatched, fact } from './kpi-facts.fixture.js';

const asOf = new Date('2026-04-01T00:00:00Z');
const t0 = new Date('2026-03-02T02:00:00Z');
const facts = [
  dispatched(t0, 5, { assigneeId: 'eng-a', department: '财务处', resolvedAt: t0, remote: true, rating: 5 }),
  fact({ department: '教务处, "东区"', resolvedAt: t0, remote: false }),
];
const report = buildKpiReport({
  period: { from: new Date('2026-03-01T00:00:00Z'), to: asOf },
  by: 'department',
  responseMinutes: 10,
  seatDays: 2,
  tickets: {
    total: countTickets(facts, 10, asOf),
    groups: ['财务处', '教务处, "东区"'].map((key) => ({
      key,
      counts: countTickets(
        facts.filter((f) => f.department === key),
        10,
        asOf,
      ),
    })),
  },
  calls: { total: { calls: 10, answered: 9 }, groups: [] },
  workload: countWorkload(facts, 10, asOf),
  names: new Map([['eng-a', '钱电脑']]),
});

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('KPI report files', () => {
  it('CSV: BOM, both tables, quoted fields, percentages', () => {
    const csv = kpiCsv(report);
    expect(csv.startsWith('\uFEFFperiod,2026-03-01T00:00:00.000Z')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines).toContain('total,2,90,50,5,100,100,1,100');
    expect(lines).toContain('"教务处, ""东区""",1,,0,,,,0.5,');
    expect(lines).toContain('钱电脑,1,1,0,0,5,1,1,5,0');
  });

  it('xlsx: a KPIs sheet and a Workload sheet exceljs reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deskbot-report-'));
    dirs.push(dir);
    const file = join(dir, 'kpi.xlsx');
    await writeKpiReport(report, 'xlsx', file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((s) => s.name)).toEqual(['KPIs', 'Workload']);
    const kpis = book.getWorksheet('KPIs')!;
    expect(kpis.getRow(3).values).toEqual([undefined, 'total', 2, 90, 50, 5, 100, 100, 1, 100]);
    expect(book.getWorksheet('Workload')!.getRow(3).getCell(1).value).toBe('钱电脑');
  });
});
