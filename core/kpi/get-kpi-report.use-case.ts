import type { DeskSettings } from '../desk/desk-settings.js';
import type { Clock } from '../ports/clock.port.js';
import type { KpiQuery, KpiRepository } from '../ports/kpi.port.js';
import type { PersonRepository } from '../ports/person.repository.port.js';
import { err, ok, type Result } from '../shared/result.js';
import { permanent, type UseCaseError } from '../use-cases/use-case.errors.js';
import { seatDays } from './desk-seats.js';
import type { KpiGrouping, KpiPeriod } from './kpi-period.js';
import { buildKpiReport, type KpiReport } from './kpi-report.js';

export interface GetKpiReportDeps {
  kpis: KpiRepository;
  people: PersonRepository;
  clock: Clock;
  desk: Pick<DeskSettings, 'rota' | 'people' | 'timezone' | 'sla'>;
}

/** Ten years: enough for any report, and it bounds the seat-day walk. */
export const MAX_PERIOD_DAYS = 3660;

export function checkPeriod(period: KpiPeriod): UseCaseError | null {
  const span = period.to.getTime() - period.from.getTime();
  if (Number.isNaN(span)) return permanent('KPI_BAD_PERIOD', 'from and to must be valid instants.');
  if (span <= 0) return permanent('KPI_BAD_PERIOD', 'from must be before to.');
  if (span > MAX_PERIOD_DAYS * 86_400_000)
    return permanent('KPI_BAD_PERIOD', `A period may span at most ${MAX_PERIOD_DAYS} days.`);
  return null;
}

/** The KPI report every surface reads: the API, report files, the daily push, the dashboard and chat. */
export class GetKpiReportUseCase {
  constructor(private readonly deps: GetKpiReportDeps) {}

  async execute(input: {
    period: KpiPeriod;
    by?: KpiGrouping | null;
  }): Promise<Result<KpiReport, UseCaseError>> {
    const problem = checkPeriod(input.period);
    if (problem) return err(problem);
    const { desk } = this.deps;
    const query: KpiQuery = {
      period: input.period,
      by: input.by ?? null,
      responseMinutes: desk.sla.responseMinutes,
      asOf: this.deps.clock.now(),
      timeZone: desk.timezone,
    };
    const [tickets, calls, workload, people] = await Promise.all([
      this.deps.kpis.ticketCounts(query),
      this.deps.kpis.callCounts(query),
      this.deps.kpis.workload(query),
      this.deps.people.list(),
    ]);
    return ok(
      buildKpiReport({
        period: input.period,
        by: query.by,
        responseMinutes: query.responseMinutes,
        seatDays: seatDays(desk, input.period),
        tickets,
        calls,
        workload,
        names: new Map(people.map((p) => [p.id, p.name])),
      }),
    );
  }
}
