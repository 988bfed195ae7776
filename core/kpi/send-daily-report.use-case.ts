import type { DeskSettings } from '../desk/desk-settings.js';
import type { Channel } from '../inbound/channel.js';
import { addressOn, preferredStaffChannel } from '../notify/contact-address.js';
import type { Clock } from '../ports/clock.port.js';
import type { JobScheduler, Notification } from '../ports/job-scheduler.port.js';
import type { PersonRepository } from '../ports/person.repository.port.js';
import { localDate } from '../shared/local-time.js';
import { err, ok, type Result } from '../shared/result.js';
import { permanent, type UseCaseError } from '../use-cases/use-case.errors.js';
import { dailyReportText } from './daily-report-text.js';
import type { GetKpiReportUseCase } from './get-kpi-report.use-case.js';
import { startOfLocalDay } from './period-input.js';
import { DEFAULT_REPORT_SETTINGS } from './report-settings.js';

export interface SendDailyReportDeps {
  report: Pick<GetKpiReportUseCase, 'execute'>;
  people: Pick<PersonRepository, 'list'>;
  jobs: Pick<JobScheduler, 'enqueue'>;
  clock: Clock;
  desk: Pick<DeskSettings, 'name' | 'timezone' | 'reports'>;
  /** Channels with a running notifier: a report is only queued where someone will deliver it. */
  enabledChannels: ReadonlySet<Channel>;
}

export interface DailyReportOutcome {
  /** The local date the report covers. */
  day: string;
  queued: Array<{ personId: string; channel: Channel; notificationId: string }>;
  /** Recipients with no address on any enabled staff channel. */
  unreachable: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The local date before `date` (YYYY-MM-DD), by calendar arithmetic. */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

const dayAfter = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Id of one person's report for one day: queued again, it is the same notification (never sent twice). */
export const dailyReportNotificationId = (day: string, personId: string): string =>
  `daily-report-${day}-${personId}`;

/**
 * Yesterday's KPI report (or a given day's) to everyone `reports.to` names, each on their preferred
 * staff channel. Run by the daily job in the workers role; `at` is when the job was due, so a late
 * run still reports the day before it was due.
 */
export class SendDailyReportUseCase {
  constructor(private readonly deps: SendDailyReportDeps) {}

  async execute(input: { day?: string; at?: Date } = {}): Promise<Result<DailyReportOutcome, UseCaseError>> {
    const { desk } = this.deps;
    const day = input.day ?? dayBefore(localDate(input.at ?? this.deps.clock.now(), desk.timezone));
    const from = DATE.test(day) ? startOfLocalDay(day, desk.timezone) : null;
    const to = from ? startOfLocalDay(dayAfter(day), desk.timezone) : null;
    if (!from || !to) return err(permanent('KPI_BAD_PERIOD', `"${day}" is not a date (2026-03-01).`));
    const report = await this.deps.report.execute({ period: { from, to }, by: 'category' });
    if (!report.ok) return report;
    const text = dailyReportText(report.value, day, desk.name);

    const named = new Set(desk.reports?.to ?? DEFAULT_REPORT_SETTINGS.to);
    const recipients = (await this.deps.people.list())
      .filter((p) => p.active && (named.has(p.role) || named.has(p.id)))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const outcome: DailyReportOutcome = { day, queued: [], unreachable: [] };
    for (const person of recipients) {
      const channel = preferredStaffChannel(person, this.deps.enabledChannels);
      if (!channel) {
        outcome.unreachable.push(person.id);
        continue;
      }
      const notification: Notification = {
        id: dailyReportNotificationId(day, person.id),
        channel,
        purpose: 'report',
        ticketId: null,
        ticketNumber: null,
        to: {
          personId: person.id,
          name: person.name,
          address: addressOn(channel, person),
          conversationId: null,
        },
        text,
      };
      await this.deps.jobs.enqueue({ kind: 'notify', notification });
      outcome.queued.push({ personId: person.id, channel, notificationId: notification.id });
    }
    return ok(outcome);
  }
}
