/** How a KPI report is broken down: by the reporter's department, the ticket's category, or the engineer. */
export const KPI_GROUPINGS = ['department', 'category', 'engineer'] as const;
export type KpiGrouping = (typeof KPI_GROUPINGS)[number];

/**
 * A half-open interval [from, to). A ticket belongs to the period it was reported in, a call to the
 * period it started in: one rule for every KPI, so the figures of adjacent periods add up.
 */
export interface KpiPeriod {
  from: Date;
  to: Date;
}

export const inPeriod = (at: Date, period: KpiPeriod): boolean =>
  at.getTime() >= period.from.getTime() && at.getTime() < period.to.getTime();

/** Targets from the organisation's rule book (服务台管理流程). */
export const KPI_TARGETS = {
  /** 电话接通成功率 ≥ 80% */
  callAnswerRate: 0.8,
  /** 服务台远程解决率 ≥ 70% */
  remoteResolutionRate: 0.7,
} as const;

/** A rating of 4 (满意) or 5 (非常满意) counts as satisfied. */
export const SATISFIED_RATING = 4;
