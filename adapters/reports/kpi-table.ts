import type { KpiReport, KpiRow, Ratio } from '../../core/kpi/index.js';

export type Cell = string | number | null;
export interface Table {
  name: string;
  header: string[];
  rows: Cell[][];
}

const pct = (r: Ratio | null): Cell =>
  r?.rate === null || r === null ? null : Math.round(r.rate * 1000) / 10;

const KPI_HEADER = [
  '分组 Group',
  '工单 Tickets',
  '电话接通率 % (≥80)',
  '远程解决率 % (≥70)',
  '平均评分 Mean rating',
  '满意率 % Satisfied',
  '首次正确派单 % First-time',
  '单坐席日均 Per seat/day',
  '10分钟响应 % Response',
];

const kpiCells = (row: KpiRow): Cell[] => [
  row.label,
  row.tickets,
  pct(row.callAnswerRate),
  pct(row.remoteResolutionRate),
  row.satisfaction.mean,
  pct(row.satisfaction.satisfied),
  pct(row.firstTimeCorrectDispatch),
  row.ticketsPerSeatPerDay,
  pct(row.responseCompliance),
];

/** The report as plain tables: what both the CSV and the xlsx writer lay out. */
export function kpiTables(report: KpiReport): Table[] {
  return [
    { name: 'KPIs', header: KPI_HEADER, rows: [kpiCells(report.total), ...report.groups.map(kpiCells)] },
    {
      name: 'Workload',
      header: [
        '工程师 Engineer',
        '工单 Tickets',
        '已解决 Resolved',
        '现场次数 Visits',
        '现场时长 h',
        '平均响应 min',
        '按时响应 In time',
        '评价数 Rated',
        '平均评分 Mean rating',
        '投诉 Complaints',
      ],
      rows: report.engineers.map((e) => [
        e.name,
        e.tickets,
        e.resolved,
        e.onSiteVisits,
        e.onSiteHours,
        e.meanResponseMinutes,
        e.respondedInTime,
        e.rated,
        e.meanRating,
        e.complaints,
      ]),
    },
  ];
}
