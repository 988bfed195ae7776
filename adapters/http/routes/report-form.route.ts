import { Router } from 'express';
import { renderReportForm } from '../html/index.js';
import { onlyMethods } from '../middleware/index.js';

/** `GET /`: the 报修 form, rendered per load so that each load carries its own idempotency key. */
export function reportFormRouter({ deskName, newId }: { deskName: string; newId: () => string }): Router {
  const router = Router();
  router
    .route('/')
    .get((_req, res) => {
      res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(renderReportForm({ deskName, idempotencyKey: newId() }));
    })
    .all(onlyMethods('GET', 'HEAD'));
  return router;
}
