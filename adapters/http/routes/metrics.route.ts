import { Router } from 'express';
import type { Registry } from 'prom-client';
import { bearerAuth, onlyMethods } from '../middleware/index.js';

export interface MetricsRouteDeps {
  registry: Registry;
  /** METRICS_TOKEN, else API_TOKEN; null switches /metrics off (503), never open. */
  token: string | null;
}

/** Prometheus scrape endpoint; scrape with `authorization: { credentials: <token> }` (bearer). */
export function metricsRouter({ registry, token }: MetricsRouteDeps): Router {
  const router = Router();
  router.use('/metrics', bearerAuth(token));
  router
    .route('/metrics')
    .get(async (_req, res) => {
      const body = await registry.metrics();
      res.type(registry.contentType).send(body);
    })
    .all(onlyMethods('GET', 'HEAD'));
  return router;
}
