import type { ModuleType } from '../desk/module-type.js';
import type { Priority } from '../tickets/ticket.entity.js';

export interface AlertCategoryRule {
  /** Label name (Zabbix: hostname, item, trigger, severity). */
  label: string;
  /** Case-insensitive regular expression the label's value must match. */
  matches: string;
  category: ModuleType;
}

/** desk.yaml `alerts:`; absent → defaults. */
export interface AlertSettings {
  /** Severity (lower case) → priority; a severity not listed gets `defaultPriority`. */
  priorities: Record<string, Priority>;
  defaultPriority: Priority;
  /** First matching rule wins; none matching leaves the category to the classifier. */
  categories: AlertCategoryRule[];
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  priorities: {
    // Alertmanager's customary severity labels
    critical: 'P1',
    page: 'P1',
    error: 'P2',
    major: 'P2',
    warning: 'P3',
    minor: 'P3',
    info: 'P4',
    none: 'P4',
    // Zabbix's six severities
    disaster: 'P1',
    high: 'P2',
    average: 'P3',
    information: 'P4',
    'not classified': 'P4',
  },
  defaultPriority: 'P3',
  categories: [],
};
