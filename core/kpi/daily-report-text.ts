import type { Ratio } from './kpi-report.js';
import type { KpiReport, KpiRow } from './kpi-report.js';

const percent = (r: Ratio | null): string =>
  r === null || r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}% (${r.numerator}/${r.denominator})`;

const mark = (r: Ratio | null): string =>
  r?.met === true ? ' ✓' : r?.met === false ? ` ✗ 目标 ${Math.round((r.target ?? 0) * 100)}%` : '';

function rowLines(row: KpiRow): string[] {
  return [
    `工单 ${row.tickets} 张；每坐席每日 ${row.ticketsPerSeatPerDay ?? '—'} 张`,
    `电话接通率 ${percent(row.callAnswerRate)}${mark(row.callAnswerRate)}`,
    `远程解决率 ${percent(row.remoteResolutionRate)}${mark(row.remoteResolutionRate)}`,
    `满意度 ${row.satisfaction.mean ?? '—'} 分（${row.satisfaction.rated} 张评价），满意率 ${percent(row.satisfaction.satisfied)}`,
    `一次派单正确率 ${percent(row.firstTimeCorrectDispatch)}`,
    `10 分钟响应达标率 ${percent(row.responseCompliance)}`,
  ];
}

/**
 * The daily report as plain text, for mail and chat alike: the day's KPIs against their targets,
 * the busiest groups and every engineer's workload line. `day` is the local date it covers.
 */
export function dailyReportText(report: KpiReport, day: string, deskName: string): string {
  const lines = [`${deskName} 日报 ${day}`, '', ...rowLines(report.total)];
  const groups = [...report.groups].sort((a, b) => b.tickets - a.tickets).slice(0, 8);
  if (groups.length > 0) {
    lines.push('', '分类：');
    for (const g of groups)
      lines.push(`- ${g.label}：${g.tickets} 张，远程解决率 ${percent(g.remoteResolutionRate)}`);
  }
  if (report.engineers.length > 0) {
    lines.push('', '工程师工作量：');
    for (const e of report.engineers)
      lines.push(
        `- ${e.name}：${e.tickets} 张，已解决 ${e.resolved}，现场 ${e.onSiteHours} 小时，` +
          `平均响应 ${e.meanResponseMinutes ?? '—'} 分钟，评分 ${e.meanRating ?? '—'}，投诉 ${e.complaints}`,
      );
  }
  return lines.join('\n');
}
