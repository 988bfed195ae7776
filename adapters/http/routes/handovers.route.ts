import { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../http-errors.js';
import { bearerAuth, onlyMethods } from '../middleware/index.js';
import type { FollowupRouteDeps } from '../followups/followup-http-deps.js';
import { fromUseCaseError, idempotencyKey, parseBody, parseWith } from '../followups/followup-http.js';

const handoverBody = z.strictObject({
  /** Roster id of the outgoing desk engineer. */
  from: z.string().trim().min(1).max(64),
  /** Roster id of the successor. */
  to: z.string().trim().min(1).max(64),
  /** 交接班次, e.g. 早-中. */
  shift: z.string().trim().min(1).max(41),
  notes: z.string().trim().max(2000).optional(),
});

/** `POST /api/v1/handovers`: the API twin of the chat command `交接 @successor 早-中 备注`. */
export function handoversRouter(deps: FollowupRouteDeps): Router {
  const router = Router();
  router.use('/api/v1/handovers', bearerAuth(deps.apiToken));
  router
    .route('/api/v1/handovers')
    .post(...parseBody(), async (req, res) => {
      const key = idempotencyKey(req.get('idempotency-key'), deps.newId);
      const body = parseWith(handoverBody, req.body);
      const done = await deps.followups.handOverShift.execute({
        sourceKey: `api:${key}`,
        fromId: body.from,
        toId: body.to,
        shift: body.shift,
        notes: body.notes ?? null,
        channel: 'system',
      });
      if (!done.ok) {
        if (done.error.code === 'HANDOVER_PERSON_NOT_FOUND')
          throw new HttpError('NOT_FOUND', `${done.error.code}: ${done.error.message}`);
        throw fromUseCaseError(
          done.error,
          done.error.code === 'HANDOVER_SHIFT_UNKNOWN' ? 'shift' : undefined,
        );
      }
      res.status(201).json({ handover: done.value });
    })
    .all(onlyMethods('POST'));
  return router;
}
