import type { QueryCommand } from '../../commands/command.js';
import { DEFAULT_COMMAND_SETTINGS, type CommandSettings } from '../../commands/command-settings.js';
import type { DeskSettings } from '../../desk/desk-settings.js';
import type { Person } from '../../desk/person.js';
import type { TicketQueryPort } from '../../ports/ticket-query.port.js';
import {
  missingLogText,
  overdueText,
  statsText,
  unratedText,
  workloadText,
} from '../../queries/query-answers.js';
import { periodRange } from '../../queries/query-period.js';

export type QuerySettings = CommandSettings;

/** How many rows a query reads; the answer lists the first LIST_LIMIT and counts the rest. */
const READ_LIMIT = 200;

export interface AnswerQueryDeps {
  queries: TicketQueryPort;
  people: readonly Person[];
  now: Date;
  desk: Pick<DeskSettings, 'timezone' | 'sla'>;
  settings?: Partial<QuerySettings> | undefined;
}

/** The Chinese answer to one auditor/manager question. */
export async function answerQuery(command: QueryCommand, deps: AnswerQueryDeps): Promise<string> {
  const { queries, now } = deps;
  const tz = deps.desk.timezone;
  const minutes = deps.desk.sla.responseMinutes;
  const settings = { ...DEFAULT_COMMAND_SETTINGS, ...deps.settings };
  const byId = new Map(deps.people.map((p) => [p.id, p]));
  switch (command.kind) {
    case 'stats': {
      const range = periodRange(command.period, now, tz);
      return statsText(range, await queries.countsBetween(range.from, range.to, minutes), minutes);
    }
    case 'overdue': {
      const cutoff = new Date(now.getTime() - (minutes - settings.atRiskMinutes) * 60_000);
      return overdueText(await queries.awaitingResponse(cutoff, READ_LIMIT), now, minutes, byId, tz);
    }
    case 'unrated':
      return unratedText(await queries.resolvedUnrated(READ_LIMIT), byId, tz);
    case 'missing_log': {
      const cutoff = new Date(now.getTime() - settings.missingLogHours * 3_600_000);
      return missingLogText(
        await queries.withoutWorkLogSince(cutoff, READ_LIMIT),
        settings.missingLogHours,
        now,
        byId,
        tz,
      );
    }
    case 'workload': {
      const range = periodRange(command.period, now, tz);
      const engineers = deps.people.filter((p) => p.role === 'engineer' && p.active).map((p) => p.id);
      return workloadText(range, await queries.workload(engineers, range.from, range.to), byId);
    }
    case 'lookup':
      return '';
  }
}
