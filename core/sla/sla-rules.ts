import type { SlaCalendarDefinition, SlaPolicy, SlaTargets } from '../desk/desk-settings.js';
import type { ModuleType } from '../desk/module-type.js';
import type { Priority } from '../tickets/ticket.entity.js';
import { ALWAYS } from './sla-calendar.js';

export const SLA_TARGETS = ['response', 'arrival', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

export const DEFAULT_REMINDER_PERCENTS = [50, 80];

/**
 * Targets when desk.yaml names none (minutes): response is the organisation's 10-minute rule
 * (`sla.responseMinutes`); arrival counts from dispatch; resolution from the report.
 */
export const DEFAULT_TARGETS: Record<Priority, Required<Omit<SlaTargets, 'responseMinutes'>>> = {
  P1: { arrivalMinutes: 30, resolutionMinutes: 4 * 60 },
  P2: { arrivalMinutes: 60, resolutionMinutes: 8 * 60 },
  P3: { arrivalMinutes: 2 * 60, resolutionMinutes: 24 * 60 },
  P4: { arrivalMinutes: 4 * 60, resolutionMinutes: 72 * 60 },
};

/** The minutes of each target for one ticket (null: no such target), its calendar and reminders. */
export interface TicketSlaRules {
  minutes: Record<SlaTarget, number | null>;
  reminderPercents: number[];
  calendar: SlaCalendarDefinition;
}

export function rulesFor(policy: SlaPolicy, priority: Priority, category: ModuleType | null): TicketSlaRules {
  const own = policy.targets?.[priority] ?? {};
  const pick = (v: number | null | undefined, fallback: number | null): number | null =>
    v === undefined ? fallback : v;
  const calendarName = category ? policy.categoryCalendars?.[category] : undefined;
  const calendar = (calendarName && policy.calendars?.find((c) => c.name === calendarName)) || ALWAYS;
  const percents = [...new Set(policy.reminderPercents ?? DEFAULT_REMINDER_PERCENTS)]
    .filter((p) => p > 0 && p < 100)
    .sort((a, b) => a - b);
  return {
    minutes: {
      response: pick(own.responseMinutes, policy.responseMinutes),
      arrival: pick(own.arrivalMinutes, DEFAULT_TARGETS[priority].arrivalMinutes),
      resolution: pick(own.resolutionMinutes, DEFAULT_TARGETS[priority].resolutionMinutes),
    },
    reminderPercents: percents,
    calendar,
  };
}
