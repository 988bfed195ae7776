import { Router } from 'express';
import type { PersonRepository, TicketRepository } from '../../../core/ports/index.js';
import { ticketNotFound, validationFailed } from '../http-errors.js';
import { bearerAuth, onlyMethods } from '../middleware/index.js';
import { parseTicketListQuery, parseTicketNumber } from '../schemas/ticket-query.schema.js';
import { allPeople, peopleFor, presentEvent, presentMessage, presentTicket } from '../ticket-presenter.js';

export interface TicketsRouteDeps {
  apiToken: string | null;
  tickets: TicketRepository;
  people: PersonRepository;
}

/** The token-protected ticket API: list with filters, and one ticket with its whole history. */
export function ticketsRouter({ apiToken, tickets, people }: TicketsRouteDeps): Router {
  const router = Router();
  router.use('/api/v1/tickets', bearerAuth(apiToken));

  router
    .route('/api/v1/tickets')
    .get(async (req, res) => {
      const filter = parseTicketListQuery(req.query);
      if (!filter.ok) throw validationFailed(filter.error);
      const page = await tickets.list(filter.value);
      const byId = page.tickets.length > 0 ? await allPeople(people) : new Map();
      res.json({ tickets: page.tickets.map((t) => presentTicket(t, byId)), total: page.total });
    })
    .all(onlyMethods('GET', 'HEAD'));

  router
    .route('/api/v1/tickets/:number')
    .get(async (req, res) => {
      const number = parseTicketNumber(req.params.number);
      if (!number.ok) throw validationFailed(number.error);
      const ticket = await tickets.findByNumber(number.value);
      if (!ticket) throw ticketNotFound(number.value);
      const [byId, events, messages] = await Promise.all([
        peopleFor(people, [ticket]),
        tickets.events(ticket.id),
        tickets.messages(ticket.id),
      ]);
      res.json({
        ticket: {
          ...presentTicket(ticket, byId),
          events: events.map(presentEvent),
          messages: messages.map(presentMessage),
        },
      });
    })
    .all(onlyMethods('GET', 'HEAD'));

  return router;
}
