import express, { Router } from 'express';
import { z } from 'zod';
import {
  callFromFields,
  callWebhookBodySchema,
  hotlineMatcher,
  WallClockParser,
  type CallRecord,
  type LinkCallUseCase,
  type RecordCallsUseCase,
} from '../../../core/phone/index.js';
import { notFound, ticketNotFound, validationFailed } from '../http-errors.js';
import { bearerAuth, onlyMethods, requireContentType } from '../middleware/index.js';
import { zodDetails } from './zod-details.js';

export interface CallsRouteDeps {
  apiToken: string | null;
  recordCalls: RecordCallsUseCase;
  linkCall: LinkCallUseCase;
  hotlines: readonly string[];
  timeZone: string;
}

const linkBodySchema = z.strictObject({ ticketNumber: z.string().trim().min(1).max(40) });
const time = (v: string | number | null | undefined) =>
  v === null || v === undefined ? undefined : String(v);

/**
 * `POST /api/v1/calls`: call records pushed by a PBX hook (one, or `{calls: [...]}`), stored like
 * imported CDRs, so a missed hotline call is rung back at once. `POST /api/v1/calls/:id/link`
 * ties a call to the ticket it produced.
 */
export function callsRouter(deps: CallsRouteDeps): Router {
  const router = Router();
  const ctx = { wallClock: new WallClockParser(deps.timeZone), isHotline: hotlineMatcher(deps.hotlines) };
  router.use('/api/v1/calls', bearerAuth(deps.apiToken));

  router
    .route('/api/v1/calls')
    .post(requireContentType(['application/json']), express.json({ limit: '1mb' }), async (req, res) => {
      const body = callWebhookBodySchema.safeParse(req.body);
      if (!body.success) throw validationFailed(zodDetails(body.error));
      const records: CallRecord[] = [];
      const problems: Array<{ path: string; message: string }> = [];
      const seen = new Set<string>();
      body.data.forEach((c, i) => {
        const call = callFromFields(
          {
            sourceId: c.id,
            start: String(c.startedAt),
            answer: time(c.answeredAt),
            end: time(c.endedAt),
            caller: c.caller,
            callee: c.callee,
            disposition: c.disposition,
            duration: c.durationS?.toString(),
            billsec: c.billsecS?.toString(),
          },
          ctx,
        );
        if (!call.ok) problems.push({ path: `calls.${i}`, message: call.error });
        else if (seen.has(call.value.sourceId))
          problems.push({ path: `calls.${i}.id`, message: 'appears twice in this request' });
        else {
          seen.add(call.value.sourceId);
          records.push(call.value);
        }
      });
      // All or nothing: a client fixing one bad record resends the batch, and ids keep that harmless.
      if (problems.length > 0) throw validationFailed(problems);
      const outcome = await deps.recordCalls.execute(records);
      res.status(outcome.inserted > 0 ? 201 : 200).json({ calls: outcome });
    })
    .all(onlyMethods('POST'));

  router
    .route('/api/v1/calls/:id/link')
    .post(requireContentType(['application/json']), express.json({ limit: '4kb' }), async (req, res) => {
      const body = linkBodySchema.safeParse(req.body);
      if (!body.success) throw validationFailed(zodDetails(body.error));
      const linked = await deps.linkCall.execute(String(req.params.id), body.data.ticketNumber, {
        kind: 'system',
        id: 'api',
        name: 'API',
      });
      if (!linked.ok) {
        if (linked.error.code === 'TICKET_NOT_FOUND') throw ticketNotFound(body.data.ticketNumber);
        throw notFound(linked.error.message);
      }
      res.json({ link: linked.value });
    })
    .all(onlyMethods('POST'));
  return router;
}
