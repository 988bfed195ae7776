import { describe, expect, it } from 'vitest';
import { reportSettingsSchema } from '../../../adapters/config/reports.schema.js';
import {
  buildKpiReport,
  dailyCronPattern,
  dailyReportText,
  dayBefore,
  noTicketCounts,
} from '../../../core/kpi/index.js';

describe('desk.yaml reports', () => {
  it('is optional, defaults to 08:00 for managers, and says what is wrong with a bad time', () => {
    expect(reportSettingsSchema.parse(undefined)).toBeUndefined();
    expect(reportSettingsSchema.parse({})).toEqual({ dailyAt: '08:00', to: ['manager'] });
    const bad = reportSettingsSchema.safeParse({ dailyAt: '8am', to: [] });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'dailyAt: must be a time of day HH:MM, e.g. 08:00',
      'to: must name at least one role or person',
    ]);
  });

  it('becomes a daily cron pattern; days step back across month and year ends', () => {
    expect(dailyCronPattern('08:05')).toBe('5 8 * * *');
    expect(dailyCronPattern('23:59')).toBe('59 23 * * *');
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
  });
});

describe('daily report text', () => {
  it('states the day, the KPIs against targets and each engineer’s line', () => {
    const counts = {
      ...noTicketCounts(),
      tickets: 10,
      faultsResolved: 4,
      faultsResolvedRemotely: 3,
      rated: 2,
      ratingSum: 9,
      satisfied: 2,
    };
    const report = buildKpiReport({
      period: { from: new Date('2026-03-04T16:00:00Z'), to: new Date('2026-03-05T16:00:00Z') },
      by: 'category',
      responseMinutes: 10,
      seatDays: 2,
      tickets: { total: counts, groups: [{ key: '网络', counts }] },
      calls: { total: { calls: 10, answered: 7 }, groups: [] },
      workload: [
        {
          engineerId: 'eng-a',
          tickets: 3,
          resolved: 2,
          onSiteVisits: 1,
          onSiteMinutes: 90,
          responses: 2,
          responseMinutesSum: 8,
          respondedInTime: 2,
          rated: 1,
          ratingSum: 5,
          complaints: 0,
        },
      ],
      names: new Map([['eng-a', '周网络']]),
    });
    const text = dailyReportText(report, '2026-03-05', '服务台');
    expect(text.split('\n')[0]).toBe('服务台 日报 2026-03-05');
    expect(text).toContain('工单 10 张；每坐席每日 5 张');
    expect(text).toContain('电话接通率 70.0% (7/10) ✗ 目标 80%');
    expect(text).toContain('远程解决率 75.0% (3/4) ✓');
    expect(text).toContain('- 网络：10 张');
    expect(text).toContain('- 周网络：3 张，已解决 2，现场 1.5 小时，平均响应 4 分钟，评分 5，投诉 0');
  });
});
