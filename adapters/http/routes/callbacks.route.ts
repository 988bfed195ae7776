import { Router } from 'express';
import { bearerAuth, onlyMethods } from '../middleware/index.js';
import type { FollowupRouteDeps } from '../followups/followup-http-deps.js';
import { parsePeriod } from '../followups/followup-http.js';

/**
 * 稽查员回访: resolved or closed tickets of a period that are unrated or rated ≤ 2, for the
 * auditors to call back; and the per-engineer assessment facts (ratings, upheld complaints).
 */
export function callbacksRouter(deps: FollowupRouteDeps): Router {
  const router = Router();
  router.use(['/api/v1/callbacks', '/api/v1/assessments'], bearerAuth(deps.apiToken));

  router
    .route('/api/v1/callbacks')
    .get(async (req, res) => {
      const period = parsePeriod(req.query, deps.clock.now(), deps.timeZone);
      const callbacks = await deps.followups.queries.callbackList(period);
      res.json({ ...period, callbacks, total: callbacks.length });
    })
    .all(onlyMethods('GET', 'HEAD'));

  router
    .route('/api/v1/assessments')
    .get(async (req, res) => {
      const period = parsePeriod(req.query, deps.clock.now(), deps.timeZone);
      res.json({ ...period, engineers: await deps.followups.queries.engineerAssessment(period) });
    })
    .all(onlyMethods('GET', 'HEAD'));

  return router;
}
