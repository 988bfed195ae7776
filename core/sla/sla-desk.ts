import type { DeskSettings } from '../desk/desk-settings.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { SlaCalendar, type HolidayBook } from './sla-calendar.js';
import { rulesFor, type TicketSlaRules } from './sla-rules.js';

/** The desk's SLA settings ready for arithmetic: one compiled calendar per definition. */
export class SlaDesk {
  private readonly calendars = new Map<string, SlaCalendar>();

  constructor(
    readonly settings: Pick<DeskSettings, 'sla' | 'timezone'>,
    private readonly holidays: HolidayBook,
  ) {}

  rulesFor(ticket: Pick<Ticket, 'priority' | 'category'>): { rules: TicketSlaRules; calendar: SlaCalendar } {
    const rules = rulesFor(this.settings.sla, ticket.priority, ticket.category);
    let calendar = this.calendars.get(rules.calendar.name);
    if (!calendar) {
      calendar = new SlaCalendar(rules.calendar, this.settings.timezone, this.holidays);
      this.calendars.set(rules.calendar.name, calendar);
    }
    return { rules, calendar };
  }
}
