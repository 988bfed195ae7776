import { z } from 'zod';
import { DEFAULT_ALERT_SETTINGS } from '../../core/alerts/index.js';
import { MODULE_TYPES } from '../../core/desk/index.js';
import { PRIORITIES } from '../../core/tickets/ticket.entity.js';

const priority = z.enum(PRIORITIES, `must be one of ${PRIORITIES.join(', ')}`);

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}

/**
 * desk.yaml `alerts:` (issue 7). Severities listed here add to (or override) the defaults, so
 * a desk only writes what differs. Absent → defaults.
 */
export const alertSettingsSchema = z
  .strictObject({
    priorities: z
      .record(z.string().trim().min(1), priority)
      .default({})
      .transform((given) => ({
        ...DEFAULT_ALERT_SETTINGS.priorities,
        ...Object.fromEntries(Object.entries(given).map(([k, v]) => [k.toLowerCase(), v])),
      })),
    defaultPriority: priority.default(DEFAULT_ALERT_SETTINGS.defaultPriority),
    categories: z
      .array(
        z.strictObject({
          label: z.string().trim().min(1).max(100),
          matches: z.string().min(1).max(200).refine(isRegExp, 'must be a regular expression'),
          category: z.enum(MODULE_TYPES, `must be one of the module types ${MODULE_TYPES.join(', ')}`),
        }),
      )
      .default([]),
  })
  .prefault({});
