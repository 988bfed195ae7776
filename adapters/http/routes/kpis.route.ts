import { Router } from 'express';
import { z } from 'zod';
import {
  KPI_GROUPINGS,
  periodFromInput,
  type GetKpiReportUseCase,
  type KpiGrouping,
  type KpiPeriod,
} from '../../../core/kpi/index.js';
import { err, ok, type Result } from '../../../core/shared/index.js';
import { validationFailed, type ErrorDetail } from '../http-errors.js';
import { bearerAuth, onlyMethods } from '../middleware/index.js';
import { issueMessage, toErrorDetails } from '../schemas/issue-message.js';

export interface KpisRouteDeps {
  apiToken: string | null;
  report: Pick<GetKpiReportUseCase, 'execute'>;
  timeZone: string;
}

const kpiQuerySchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  by: z.enum(KPI_GROUPINGS).optional(),
});

export interface KpiRequest {
  period: KpiPeriod;
  by: KpiGrouping | null;
}

/** `?from=2026-03-01&to=2026-03-31&by=department`: dates are local days in the desk's zone. */
export function parseKpiQuery(query: unknown, timeZone: string): Result<KpiRequest, ErrorDetail[]> {
  const parsed = kpiQuerySchema.safeParse(query ?? {}, { error: issueMessage('en') });
  if (!parsed.success) return err(toErrorDetails(parsed.error.issues));
  const period = periodFromInput(parsed.data, timeZone);
  if (!period.ok) return err([{ path: period.error.field, message: period.error.message }]);
  return ok({ period: period.value, by: parsed.data.by ?? null });
}

/** `GET /api/v1/kpis`: the KPI report as JSON, behind the API token. */
export function kpisRouter({ apiToken, report, timeZone }: KpisRouteDeps): Router {
  const router = Router();
  router.use('/api/v1/kpis', bearerAuth(apiToken));
  router
    .route('/api/v1/kpis')
    .get(async (req, res) => {
      const q = parseKpiQuery(req.query, timeZone);
      if (!q.ok) throw validationFailed(q.error);
      const result = await report.execute(q.value);
      if (!result.ok) throw validationFailed([{ path: 'to', message: result.error.message }]);
      res.json({ kpis: result.value });
    })
    .all(onlyMethods('GET', 'HEAD'));
  return router;
}
