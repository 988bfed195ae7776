import { Router } from 'express';
import { z } from 'zod';
import { COMPLAINT_STATUSES, COMPLAINT_STEP_NAMES } from '../../../core/complaints/index.js';
import { CHANNELS } from '../../../core/inbound/index.js';
import { TICKET_NUMBER_PATTERN } from '../../../core/tickets/index.js';
import { notFound } from '../http-errors.js';
import { bearerAuth, onlyMethods } from '../middleware/index.js';
import type { FollowupRouteDeps } from '../followups/followup-http-deps.js';
import { fromUseCaseError, idempotencyKey, parseBody, parseWith } from '../followups/followup-http.js';

const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const int = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const submitBody = z.strictObject({
  ticketNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(TICKET_NUMBER_PATTERN, 'Must be a ticket number like INC-20261123-0001.')
    .optional(),
  text: z.string().trim().min(1).max(5000),
  channel: z.enum(CHANNELS).default('web'),
  complainant: z.strictObject({
    name: z.string().trim().min(1).max(100),
    personId: z.string().trim().min(1).max(64).optional(),
    address: z.string().trim().min(1).max(200).optional(),
    conversationId: z.string().trim().min(1).max(300).optional(),
  }),
  engineerId: z.string().trim().min(1).max(64).optional(),
});

const stepBody = z
  .strictObject({
    step: z.enum(COMPLAINT_STEP_NAMES),
    /** Roster id of the person taking the step. */
    actorId: z.string().trim().min(1).max(64).optional(),
    /** The complainant takes the step (rating) themselves, through a client the desk trusts. */
    complainant: bool.optional(),
    note: z.string().trim().max(5000).optional(),
    upheld: bool.optional(),
    rating: int.pipe(z.number().int().min(1).max(5)).optional(),
  })
  .refine((b) => (b.actorId === undefined) !== (b.complainant !== true), {
    message: 'Give either actorId or complainant: true.',
    path: ['actorId'],
  });

const listQuery = z.object({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  limit: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(200)).optional(),
  offset: z.string().regex(/^\d+$/).transform(Number).optional(),
});

/** 投诉 over the API: file one, list them, read one, and take each step of the process. */
export function complaintsRouter(deps: FollowupRouteDeps): Router {
  const router = Router();
  const { followups } = deps;
  router.use('/api/v1/complaints', bearerAuth(deps.apiToken));

  router
    .route('/api/v1/complaints')
    .get(async (req, res) => {
      const q = parseWith(listQuery, req.query);
      const page = await followups.complaints.list({
        ...(q.status ? { status: [q.status] } : {}),
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      res.json(page);
    })
    .post(...parseBody(), async (req, res) => {
      const key = idempotencyKey(req.get('idempotency-key'), deps.newId);
      const body = parseWith(submitBody, req.body);
      const done = await followups.submitComplaint.execute({
        sourceKey: `api:${key}`,
        channel: body.channel,
        complainant: body.complainant,
        text: body.text,
        ticketNumber: body.ticketNumber ?? null,
        engineerId: body.engineerId ?? null,
      });
      if (!done.ok)
        throw fromUseCaseError(done.error, done.error.code === 'PERSON_NOT_FOUND' ? 'engineerId' : undefined);
      res.status(done.value.created ? 201 : 200).json({ complaint: done.value.complaint });
    })
    .all(onlyMethods('GET', 'HEAD', 'POST'));

  router
    .route('/api/v1/complaints/:id')
    .get(async (req, res) => {
      const complaint = await followups.complaints.findById(req.params.id);
      if (!complaint) throw notFound(`No complaint ${req.params.id}.`);
      res.json({ complaint });
    })
    .all(onlyMethods('GET', 'HEAD'));

  router
    .route('/api/v1/complaints/:id/steps')
    .post(...parseBody(), async (req, res) => {
      const body = parseWith(stepBody, req.body);
      const done = await followups.takeComplaintStep.execute({
        complaintId: req.params.id,
        step: body.step,
        by: body.actorId !== undefined ? { personId: body.actorId } : { complainant: true },
        note: body.note ?? null,
        ...(body.upheld !== undefined ? { upheld: body.upheld } : {}),
        ...(body.rating !== undefined ? { rating: body.rating } : {}),
      });
      if (!done.ok)
        throw fromUseCaseError(done.error, done.error.code === 'PERSON_NOT_FOUND' ? 'actorId' : undefined);
      res.json({ complaint: done.value });
    })
    .all(onlyMethods('POST'));

  return router;
}
