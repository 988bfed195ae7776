import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { MODULE_TYPES } from '../../../core/desk/module-type.js';
import type { PersonRepository, TicketRepository } from '../../../core/ports/index.js';
import { PRIORITIES, TICKET_TYPES } from '../../../core/tickets/ticket.entity.js';
import { SYSTEM, type Actor } from '../../../core/tickets/ticket-event.js';
import type { ReclassifyTicketUseCase } from '../../../core/use-cases/reclassify-ticket/index.js';
import { ticketNotFound, validationFailed } from '../http-errors.js';
import { bearerAuth, onlyMethods, requireContentType } from '../middleware/index.js';
import { toErrorDetails } from '../schemas/issue-message.js';
import { parseTicketNumber } from '../schemas/ticket-query.schema.js';
import { allPeople, presentTicket } from '../ticket-presenter.js';

export interface TriageRouteDeps {
  apiToken: string | null;
  tickets: TicketRepository;
  people: PersonRepository;
  reclassify: ReclassifyTicketUseCase;
  bodyLimit: string;
}

export const reclassifyBodySchema = z.strictObject({
  category: z.enum(MODULE_TYPES),
  type: z.enum(TICKET_TYPES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  /** The roster id of the desk member correcting; absent = the API client itself. */
  by: z.string().trim().min(1).max(100).optional(),
});

const CONFLICTS = new Set(['RECLASSIFY_TICKET_CLOSED', 'TICKET_CONCURRENT_UPDATE']);

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/**
 * `POST /api/v1/tickets/:number/category` — the desk corrects a ticket's category (and optionally
 * type and priority). The correction is stored as a labelled example for the next retrain; a ticket
 * waiting in desk triage goes on to dispatch. Bearer API_TOKEN.
 */
export function triageRouter(deps: TriageRouteDeps): Router {
  const router = Router();
  const path = '/api/v1/tickets/:number/category';
  router.use(path, bearerAuth(deps.apiToken));
  router
    .route(path)
    .post(
      requireContentType(['application/json']),
      express.json({ limit: deps.bodyLimit }),
      async (req, res) => {
        const number = parseTicketNumber(String(req.params.number));
        if (!number.ok) throw validationFailed(number.error);
        const body = reclassifyBodySchema.safeParse(req.body);
        if (!body.success) throw validationFailed(toErrorDetails(body.error.issues));
        const ticket = await deps.tickets.findByNumber(number.value);
        if (!ticket) throw ticketNotFound(number.value);
        const people = await allPeople(deps.people);
        let actor: Actor = SYSTEM('api');
        if (body.data.by !== undefined) {
          const person = people.get(body.data.by);
          if (!person?.active)
            throw validationFailed([
              { path: 'by', message: `No active person "${body.data.by}" in the roster.` },
            ]);
          if (person.role !== 'desk' && person.role !== 'manager')
            return sendError(
              res,
              403,
              'FORBIDDEN',
              `只有服务台或经理可以更正类别 / only the desk or a manager may correct the category.`,
            );
          actor = { kind: 'person', id: person.id, name: person.name };
        }
        const done = await deps.reclassify.execute({
          ticketId: ticket.id,
          category: body.data.category,
          ...(body.data.type ? { type: body.data.type } : {}),
          ...(body.data.priority ? { priority: body.data.priority } : {}),
          actor,
        });
        if (!done.ok) {
          const { code, message } = done.error;
          if (code === 'TICKET_NOT_FOUND') throw ticketNotFound(number.value);
          return sendError(res, CONFLICTS.has(code) ? 409 : 422, code, message);
        }
        res.json({
          ticket: presentTicket(done.value.ticket, people),
          correctionId: done.value.correctionId,
          dispatchQueued: done.value.dispatchQueued,
        });
      },
    )
    .all(onlyMethods('POST'));
  return router;
}
