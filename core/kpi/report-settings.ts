import type { Role } from '../desk/person.js';

/** desk.yaml `reports:` — the daily KPI report pushed to managers. Absent: no daily push. */
export interface ReportSettings {
  /** Local time in the desk's zone, HH:MM, when yesterday's report goes out. */
  dailyAt: string;
  /** Who receives it: roles (every active person with that role) and/or person ids. */
  to: Array<Role | string>;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = { dailyAt: '08:00', to: ['manager'] };

/** The cron pattern (minute hour * * *) for a HH:MM time of day. */
export function dailyCronPattern(dailyAt: string): string {
  const [hour, minute] = dailyAt.split(':').map(Number);
  return `${minute ?? 0} ${hour ?? 0} * * *`;
}
