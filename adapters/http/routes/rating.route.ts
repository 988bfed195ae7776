import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Ticket } from '../../../core/tickets/index.js';
import { HttpError, ticketNotFound, validationFailed } from '../http-errors.js';
import { onlyMethods, publicRateLimit } from '../middleware/index.js';
import { parseTicketNumber } from '../schemas/ticket-query.schema.js';
import type { FollowupRouteDeps } from '../followups/followup-http-deps.js';
import { parseBody, parseWith } from '../followups/followup-http.js';
import { renderRatingPage } from '../followups/rating.page.js';

const ratingBody = z.object({
  rating: z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^[1-5]$/, 'Must be 1 to 5.')
        .transform(Number),
    ])
    .pipe(z.number().int().min(1).max(5)),
  comment: z.string().trim().max(1000).optional(),
});

const asJson = (req: Request): boolean =>
  Boolean(req.is('application/json')) || req.accepts(['html', 'json']) === 'json';

/**
 * The reporter's rating on the web: `GET /t/:number/rating` shows the form (a mail's `?score=N`
 * link preselects, never records, since mail scanners open links), `POST` records it. Public and
 * rate-limited: anyone with the number may rate, as anyone with the paper 工单 could sign it. Only a
 * resolved, unrated ticket takes a rating; the same rating again is answered as before.
 */
export function ratingRouter(deps: FollowupRouteDeps): Router {
  const router = Router();
  const limiter = publicRateLimit('rating', deps.rateLimit);

  const load = async (raw: string): Promise<Ticket> => {
    const number = parseTicketNumber(raw);
    if (!number.ok) throw validationFailed(number.error);
    const ticket = await deps.tickets.findByNumber(number.value);
    if (!ticket) throw ticketNotFound(number.value);
    return ticket;
  };

  router
    // `/rate` is the path the email channel's rating links use (core/mail ratingUrl).
    .route(['/t/:number/rating', '/t/:number/rate'])
    .get(limiter, async (req, res) => {
      const t = await load(String(req.params.number));
      const score =
        typeof req.query.score === 'string' && /^[1-5]$/.test(req.query.score)
          ? Number(req.query.score)
          : null;
      const state =
        t.rating !== null
          ? ({ kind: 'rated', rating: t.rating } as const)
          : t.status === 'resolved'
            ? ({ kind: 'open' } as const)
            : ({
                kind: 'closed',
                why: t.status === 'closed' ? '该工单已关闭。' : '工单处理完成后才能评价。',
              } as const);
      res.set('Cache-Control', 'no-store').type('html');
      res.send(
        renderRatingPage({ deskName: deps.deskName, ticketNumber: t.number, preselected: score, state }),
      );
    })
    .post(limiter, ...parseBody(), async (req, res) => {
      const t = await load(String(req.params.number));
      const body = parseWith(ratingBody, req.body);
      let ticket = t;
      if (t.rating !== null) {
        if (t.rating !== body.rating)
          throw new HttpError('CONFLICT', `${t.number} was already rated ${t.rating}.`);
      } else if (t.status !== 'resolved') {
        throw new HttpError('CONFLICT', `${t.number} is ${t.status}; only a resolved ticket can be rated.`);
      } else {
        const done = await deps.followups.actions.execute({
          ticket: { id: t.id },
          actor: { kind: 'reporter', id: t.reporter.personId, name: t.reporter.name },
          channel: 'web',
          request: { action: 'rate', rating: body.rating, comment: body.comment || null },
        });
        if (!done.ok) {
          // A concurrent identical rating (a double click) landed first: answer as for a repeat.
          const now = await deps.tickets.findById(t.id);
          if (now?.rating !== body.rating) throw new HttpError('CONFLICT', done.error.message);
          ticket = now;
        } else ticket = done.value.ticket;
      }
      if (asJson(req)) {
        res.json({ ticket: { number: ticket.number, status: ticket.status, rating: ticket.rating } });
        return;
      }
      const state = { kind: 'rated', rating: ticket.rating ?? body.rating } as const;
      res.type('html').send(
        renderRatingPage({
          deskName: deps.deskName,
          ticketNumber: ticket.number,
          preselected: null,
          state,
        }),
      );
    })
    .all(onlyMethods('GET', 'HEAD', 'POST'));

  return router;
}
