import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { KpiReport } from '../../core/kpi/index.js';
import { kpiTables, type Cell } from './kpi-table.js';

export const REPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const csvCell = (c: Cell): string => {
  if (c === null) return '';
  const s = String(c);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** CSV with a BOM so Excel opens the Chinese headings as UTF-8; tables one after another. */
export function kpiCsv(report: KpiReport): string {
  const lines = [`period,${report.period.from},${report.period.to}`];
  for (const t of kpiTables(report)) {
    lines.push('', t.name, t.header.map(csvCell).join(','), ...t.rows.map((r) => r.map(csvCell).join(',')));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function kpiWorkbook(report: KpiReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'deskbot';
  for (const t of kpiTables(report)) {
    const sheet = book.addWorksheet(t.name);
    sheet.addRow([`${report.period.from} – ${report.period.to}`]);
    sheet.addRow(t.header).font = { bold: true };
    for (const r of t.rows) sheet.addRow(r);
    sheet.columns.forEach((c) => (c.width = 16));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function writeKpiReport(report: KpiReport, format: ReportFormat, file: string): Promise<void> {
  await writeFile(file, format === 'csv' ? kpiCsv(report) : await kpiWorkbook(report));
}
