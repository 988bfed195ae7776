import { Router } from 'express';
import type { PersonRepository, TicketRepository } from '../../../core/ports/index.js';
import { ticketNotFound, validationFailed } from '../http-errors.js';
import { renderLookupSearch, renderTicketLookup } from '../html/index.js';
import { onlyMethods, publicRateLimit, type RateLimitOptions } from '../middleware/index.js';
import { parseTicketNumber } from '../schemas/ticket-query.schema.js';
import { peopleFor, presentPublicTicket, type PublicTicket } from '../ticket-presenter.js';

export interface LookupRouteDeps {
  tickets: TicketRepository;
  people: PersonRepository;
  deskName: string;
  timeZone?: string;
  rateLimit: RateLimitOptions;
}

type Lookup =
  { found: PublicTicket } | { invalid: ReturnType<typeof validationFailed> } | { missing: string };

/** The public progress page `/t/<number>` and its JSON twin, which the pages poll. */
export function lookupRouter(deps: LookupRouteDeps): Router {
  const router = Router();
  const limiter = publicRateLimit('lookup', deps.rateLimit);
  const search = (message?: string) => renderLookupSearch({ deskName: deps.deskName, message });

  const lookup = async (raw: string): Promise<Lookup> => {
    const number = parseTicketNumber(raw);
    if (!number.ok) return { invalid: validationFailed(number.error) };
    const ticket = await deps.tickets.findByNumber(number.value);
    if (!ticket) return { missing: number.value };
    const [people, events] = await Promise.all([
      peopleFor(deps.people, [ticket]),
      deps.tickets.events(ticket.id),
    ]);
    return { found: presentPublicTicket(ticket, people, events) };
  };

  router
    .route('/t')
    .get(limiter, (req, res) => {
      const raw = typeof req.query.number === 'string' ? req.query.number.trim() : '';
      if (raw === '') {
        res.type('html').send(search());
        return;
      }
      const number = parseTicketNumber(raw);
      if (!number.ok) {
        res.status(400).type('html').send(search('工单号格式不正确，应类似 INC-20261123-0001。'));
        return;
      }
      res.redirect(303, `/t/${encodeURIComponent(number.value)}`);
    })
    .all(onlyMethods('GET', 'HEAD'));

  // Declared before `/t/:number`, which would otherwise take `INC-….json` as the number.
  router
    .route('/t/:number.json')
    .get(limiter, async (req, res) => {
      const result = await lookup(req.params.number);
      if ('invalid' in result) throw result.invalid;
      if ('missing' in result) throw ticketNotFound(result.missing);
      res.set('Cache-Control', 'no-store').json({ ticket: result.found });
    })
    .all(onlyMethods('GET', 'HEAD'));

  router
    .route('/t/:number')
    .get(limiter, async (req, res) => {
      const result = await lookup(req.params.number);
      res.set('Cache-Control', 'no-store').type('html');
      if ('invalid' in result) {
        res.status(400).send(search('工单号格式不正确，应类似 INC-20261123-0001。'));
      } else if ('missing' in result) {
        res.status(404).send(search(`未找到工单 ${result.missing}，请核对工单号。`));
      } else {
        res.send(
          renderTicketLookup({ deskName: deps.deskName, ticket: result.found, timeZone: deps.timeZone }),
        );
      }
    })
    .all(onlyMethods('GET', 'HEAD'));

  return router;
}
