import type { Database } from '../../adapters/db/index.js';
import { DrizzleAlertRepository } from '../../adapters/db/alert.repository.js';
import { DrizzleCallRepository } from '../../adapters/db/call.repository.js';
import type { AlertsRouteDeps } from '../../adapters/http/routes/alerts.route.js';
import type { CallsRouteDeps } from '../../adapters/http/routes/calls.route.js';
import { DEFAULT_ALERT_SETTINGS, ReceiveAlertsUseCase } from '../../core/alerts/index.js';
import type { DeskSettings } from '../../core/desk/desk-settings.js';
import type { Channel } from '../../core/inbound/channel.js';
import { DEFAULT_PHONE_SETTINGS, LinkCallUseCase, RecordCallsUseCase } from '../../core/phone/index.js';
import type {
  Clock,
  IntakeGateway,
  JobScheduler,
  PersonRepository,
  TicketRepository,
} from '../../core/ports/index.js';

export interface PhoneAlertDeps {
  database: Database;
  desk: DeskSettings;
  tickets: TicketRepository;
  people: PersonRepository;
  intake: IntakeGateway;
  /** Where call-back notifications are queued (the BullMQ scheduler). */
  jobs: JobScheduler;
  clock: Clock;
  enabledChannels: ReadonlySet<Channel>;
  alertToken: string | null;
  intakeWaitMs: number;
}

/** The call-record and alert webhooks' use cases, ready for createHttpApp's `phone` and `alerts`. */
export function phoneAndAlertRoutes(deps: PhoneAlertDeps): {
  phone: Omit<CallsRouteDeps, 'apiToken'>;
  alerts: AlertsRouteDeps;
} {
  const { desk, tickets, clock } = deps;
  const calls = new DrizzleCallRepository(deps.database.db);
  const phone = desk.phone ?? DEFAULT_PHONE_SETTINGS;
  return {
    phone: {
      recordCalls: new RecordCallsUseCase({
        calls,
        people: deps.people,
        jobs: deps.jobs,
        clock,
        desk,
        staffChannels: deps.enabledChannels,
        callbackMaxAgeMinutes: phone.callbackMaxAgeMinutes,
      }),
      linkCall: new LinkCallUseCase({ calls, tickets, clock }),
      hotlines: desk.hotlines,
      timeZone: phone.timeZone ?? desk.timezone,
    },
    alerts: {
      alertToken: deps.alertToken,
      receiveAlerts: new ReceiveAlertsUseCase({
        alerts: new DrizzleAlertRepository(deps.database.db),
        tickets,
        intake: deps.intake,
        clock,
        settings: desk.alerts ?? DEFAULT_ALERT_SETTINGS,
        intakeWaitMs: deps.intakeWaitMs,
      }),
    },
  };
}
