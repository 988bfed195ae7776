import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { authorizeCommand, type Command } from '../../../core/commands/index.js';
import type { Person } from '../../../core/desk/person.js';
import type { PersonRepository, TicketRepository } from '../../../core/ports/index.js';
import { SYSTEM, type Actor } from '../../../core/tickets/ticket-event.js';
import type {
  TicketActionRequest,
  TicketActionsUseCase,
} from '../../../core/use-cases/ticket-actions/index.js';
import { ticketNotFound, validationFailed } from '../http-errors.js';
import { bearerAuth, onlyMethods, requireContentType } from '../middleware/index.js';
import { toErrorDetails } from '../schemas/issue-message.js';
import { parseTicketNumber } from '../schemas/ticket-query.schema.js';
import { allPeople, presentTicket } from '../ticket-presenter.js';

export interface TicketActionsRouteDeps {
  apiToken: string | null;
  tickets: TicketRepository;
  people: PersonRepository;
  actions: TicketActionsUseCase;
  bodyLimit: string;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const list = z.array(z.string().trim().min(1).max(100)).max(50).default([]);

/** `by`: the roster id of the staff member acting; absent = the API client itself (SYSTEM('api')). */
const by = z.string().trim().min(1).max(100).optional();

export const ticketActionBodySchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('acknowledge'), by }),
  z.strictObject({ action: z.literal('arrive'), by }),
  z.strictObject({ action: z.literal('note'), by, text: text(2000) }),
  z.strictObject({ action: z.literal('pend'), by, reason: text(500) }),
  z.strictObject({ action: z.literal('resume'), by }),
  z.strictObject({ action: z.literal('reassign'), by, assigneeId: text(100), reason: text(500).nullish() }),
  z.strictObject({ action: z.literal('escalate'), by, reason: text(500) }),
  z.strictObject({
    action: z.literal('resolve'),
    by,
    process: text(4000),
    parts: list,
    consumables: list,
    remote: z.boolean().nullish(),
  }),
  z.strictObject({ action: z.literal('cancel'), by, reason: text(500).nullish() }),
  z.strictObject({
    action: z.literal('rate'),
    by,
    rating: z.number().int().min(1).max(5),
    comment: text(1000).nullish(),
  }),
]);
export type TicketActionBody = z.infer<typeof ticketActionBodySchema>;

/** Outcomes the shared catalogue has no status for: the ticket's state, not the request, said no. */
const CONFLICTS = new Set([
  'TICKET_INVALID_TRANSITION',
  'TICKET_SAME_ASSIGNEE',
  'TICKET_CONCURRENT_UPDATE',
  'ACTION_NO_HIGHER_ENGINEER',
  'ACTION_ALREADY_RATED',
  'ACTION_TICKET_NOT_OPEN',
  'ACTION_TICKET_NOT_RESOLVED',
]);

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

function toRequest(b: TicketActionBody): TicketActionRequest {
  switch (b.action) {
    case 'note':
      return { action: 'note', text: b.text };
    case 'pend':
      return { action: 'pend', reason: b.reason };
    case 'reassign':
      return { action: 'reassign', assigneeId: b.assigneeId, reason: b.reason ?? null };
    case 'escalate':
      return { action: 'escalate', reason: b.reason };
    case 'resolve':
      return {
        action: 'resolve',
        process: b.process,
        parts: b.parts,
        consumables: b.consumables,
        remote: b.remote ?? null,
      };
    case 'cancel':
      return { action: 'cancel', reason: b.reason ?? null };
    case 'rate':
      return { action: 'rate', rating: b.rating, comment: b.comment ?? null };
    default:
      return { action: b.action };
  }
}

/** The chat command the same act would be, so one policy decides for chat and API alike. */
function asCommand(r: TicketActionRequest, number: string): Command | null {
  switch (r.action) {
    case 'note':
      return { kind: 'note', ticketNumber: number, text: r.text };
    case 'pend':
      return { kind: 'pend', ticketNumber: number, reason: r.reason };
    case 'reassign':
      return { kind: 'reassign', ticketNumber: number, target: r.assigneeId, reason: r.reason };
    case 'escalate':
      return { kind: 'escalate', ticketNumber: number, reason: r.reason };
    case 'resolve':
      return { kind: 'resolve', ticketNumber: number, ...r };
    case 'cancel':
      return { kind: 'cancel', ticketNumber: number, reason: r.reason };
    case 'rate':
      return null;
    default:
      return { kind: r.action, ticketNumber: number };
  }
}

/**
 * `POST /api/v1/tickets/:number/actions` — the ticket actions for staff tools, so nothing is
 * chat-only. Bearer API_TOKEN like the rest of the API. With `by`, the roster role rules of the
 * chat commands apply to that person; a rating with `by` must come from the reporter or the desk.
 */
export function ticketActionsRouter(deps: TicketActionsRouteDeps): Router {
  const router = Router();
  router.use('/api/v1/tickets/:number/actions', bearerAuth(deps.apiToken));
  router
    .route('/api/v1/tickets/:number/actions')
    .post(
      requireContentType(['application/json']),
      express.json({ limit: deps.bodyLimit }),
      async (req, res) => {
        const number = parseTicketNumber(String(req.params.number));
        if (!number.ok) throw validationFailed(number.error);
        const body = ticketActionBodySchema.safeParse(req.body);
        if (!body.success) throw validationFailed(toErrorDetails(body.error.issues));
        const ticket = await deps.tickets.findByNumber(number.value);
        if (!ticket) throw ticketNotFound(number.value);

        const people = await allPeople(deps.people);
        const request = toRequest(body.data);
        let actor: Actor = SYSTEM('api');
        if (body.data.by !== undefined) {
          const person: Person | undefined = people.get(body.data.by);
          if (!person?.active)
            throw validationFailed([
              { path: 'by', message: `No active person "${body.data.by}" in the roster.` },
            ]);
          const command = asCommand(request, ticket.number);
          const allowed = command
            ? authorizeCommand(command, { person, channel: 'web', sender: {} }, ticket, people)
            : ticket.reporter.personId === person.id || person.role === 'desk' || person.role === 'manager'
              ? { ok: true as const }
              : {
                  ok: false as const,
                  error: { message: `只有报修人或服务台可以记录 ${ticket.number} 的评价。` },
                };
          if (!allowed.ok) return sendError(res, 403, 'FORBIDDEN', allowed.error.message);
          actor = { kind: 'person', id: person.id, name: person.name };
        }

        const done = await deps.actions.execute({
          ticket: { id: ticket.id },
          actor,
          channel: 'web',
          request,
        });
        if (!done.ok) {
          const { code, message } = done.error;
          if (code === 'TICKET_NOT_FOUND') throw ticketNotFound(number.value);
          return sendError(res, CONFLICTS.has(code) ? 409 : 422, code, message);
        }
        res.json({
          ticket: presentTicket(done.value.ticket, people),
          events: done.value.events.map((e) => ({ type: e.type, at: e.at, actor: e.actor, data: e.data })),
        });
      },
    )
    .all(onlyMethods('POST'));
  return router;
}
