import { Router } from 'express';
import type { Logger } from 'pino';
import { healthStatusCode, type HealthReport } from '../health.js';
import { onlyMethods } from '../middleware/index.js';

export function healthRouter(health: () => Promise<HealthReport>, logger: Logger): Router {
  const router = Router();
  router
    .route('/healthz')
    .get(async (_req, res) => {
      let report: HealthReport;
      try {
        report = await health();
      } catch (error) {
        // A failing probe is itself the answer: the process cannot vouch for its dependencies.
        logger.error({ err: error }, 'health check failed');
        report = { status: 'down', checks: { health: { ok: false, detail: 'health check failed' } } };
      }
      res.status(healthStatusCode(report)).set('Cache-Control', 'no-store').json(report);
    })
    .all(onlyMethods('GET', 'HEAD'));
  return router;
}
