import { z } from 'zod';
import { DEFAULT_REPORT_SETTINGS } from '../../core/kpi/report-settings.js';

/** desk.yaml `reports:` (the daily KPI push, issue 7). Absent → no daily report. */
export const reportSettingsSchema = z
  .strictObject({
    dailyAt: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM, e.g. 08:00')
      .default(DEFAULT_REPORT_SETTINGS.dailyAt),
    to: z
      .array(z.string().trim().min(1, 'must be a role (manager) or a person id'))
      .min(1, 'must name at least one role or person')
      .default(DEFAULT_REPORT_SETTINGS.to),
  })
  .optional();
