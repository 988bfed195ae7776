import { Router } from 'express';
import { callbacksRouter } from '../routes/callbacks.route.js';
import { complaintsRouter } from '../routes/complaints.route.js';
import { handoversRouter } from '../routes/handovers.route.js';
import { ratingRouter } from '../routes/rating.route.js';
import type { FollowupRouteDeps } from './followup-http-deps.js';

export type { FollowupRouteDeps, FollowupUseCases } from './followup-http-deps.js';

/** Rating page, callback list and assessments, complaints and handovers, mounted together. */
export function followupRouters(deps: FollowupRouteDeps): Router {
  const router = Router();
  router.use(ratingRouter(deps), callbacksRouter(deps), complaintsRouter(deps), handoversRouter(deps));
  return router;
}
