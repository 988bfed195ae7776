import type { ModuleType } from './module-type.js';
import type { Person } from './person.js';
import type { CommandSettings } from '../commands/command-settings.js';
import type { EmailDeskSettings } from '../mail/email-settings.js';
import type { TriageSettings } from '../classify/triage-settings.js';
import type { ChatSettings } from '../intake/chat-settings.js';
import type { ComplaintSettings } from '../complaints/complaint-reminder.js';
import type { HandoverSettings } from '../handover/handover-settings.js';
import type { PhoneSettings } from '../phone/phone-settings.js';
import type { AlertSettings } from '../alerts/alert-settings.js';
import type { ReportSettings } from '../kpi/report-settings.js';
import type { SatisfactionSettings } from '../use-cases/satisfaction/satisfaction-settings.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A named shift (早/中/晚) as local wall-clock times; `end` ≤ `start` means it runs past midnight. */
export interface ShiftDefinition {
  name: string;
  start: string; // "HH:MM"
  end: string; // "HH:MM", "24:00" allowed
}

/** Who works which shift on which weekdays. */
export interface RotaEntry {
  shift: string;
  people: string[];
  days: Weekday[];
}

export interface CategoryDefinition {
  name: ModuleType;
  /** Words and phrases that point to this category (Chinese or English, matched on segmented text). */
  keywords: string[];
}

export interface SlaPolicy {
  /** An engineer must respond within this many minutes of dispatch (the organisation's rule: 10). */
  responseMinutes: number;
  /** Reminders before a breach, in percent of the window (default 50 and 80). */
  reminderPercents?: number[];
  /** Per priority; absent values take core/sla's defaults, null switches a target off. */
  targets?: Partial<Record<'P1' | 'P2' | 'P3' | 'P4', SlaTargets>>;
  /** Business-hours calendars; a category without one runs on 7×24. */
  calendars?: SlaCalendarDefinition[];
  /** Category → calendar name. */
  categoryCalendars?: Partial<Record<ModuleType, string>>;
  /** Category → the vendor told when no senior engineer can take a breached ticket. */
  vendors?: Partial<Record<ModuleType, VendorContact>>;
}

export interface SlaTargets {
  responseMinutes?: number | null;
  /** On site within this many minutes of dispatch. */
  arrivalMinutes?: number | null;
  /** Resolved within this many minutes of the report, pending time not counted. */
  resolutionMinutes?: number | null;
}

/** Working hours on the given weekdays; `end` ≤ `start` runs past midnight and belongs to its start day. */
export interface WorkWindow {
  days: Weekday[];
  start: string;
  end: string;
}

export type SlaCalendarDefinition =
  | { name: string; kind: '24x7' }
  /** `holidays: cn`: Chinese public holidays are off, make-up days (调休) are worked with Monday's hours. */
  | { name: string; kind: 'hours'; windows: WorkWindow[]; holidays: 'cn' | 'none' };

export interface VendorContact {
  name: string;
  phone: string | null;
  email: string | null;
}

/** Everything desk.yaml says, validated. Core receives it as plain data. */
export interface DeskSettings {
  name: string;
  timezone: string;
  /** Ticket number prefix: INC-20261123-0001. */
  ticketPrefix: string;
  people: Person[];
  shifts: ShiftDefinition[];
  rota: RotaEntry[];
  categories: CategoryDefinition[];
  hotlines: string[];
  sla: SlaPolicy;
  /** Learning triage (desk.yaml `triage:`); absent = defaults. */
  triage?: TriageSettings;
  /** Chat intake: burst window, report thresholds (desk.yaml `chat:`); absent = defaults. */
  chat?: ChatSettings;
  /** Satisfaction follow-up (desk.yaml `satisfaction:`); absent = 4 h reminder, 72 h auto-close. */
  satisfaction?: SatisfactionSettings;
  /** Complaint step reminders (desk.yaml `complaints:`); absent = defaults. */
  complaints?: ComplaintSettings;
  /** Shift-end flags for tickets not handed over (desk.yaml `handover:`); absent = defaults. */
  handover?: HandoverSettings;
  /** Auditors' chat questions: 缺日志 hours, 超时 at-risk minutes (desk.yaml `commands:`); absent = defaults. */
  commands?: CommandSettings;
  /** Email channel: folders, attachment limit, acknowledgement rate, English contacts (desk.yaml `email:`). */
  email?: EmailDeskSettings;
  /** Call records: PBX time zone, call-back age limit, other CSV layouts (desk.yaml `phone:`). */
  phone?: PhoneSettings;
  /** Monitoring alerts: severity → priority, labels → category (desk.yaml `alerts:`). */
  alerts?: AlertSettings;
  /** The daily KPI report pushed to managers (desk.yaml `reports:`); absent = none. */
  reports?: ReportSettings | undefined;
}
