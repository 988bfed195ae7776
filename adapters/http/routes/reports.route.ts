import express, { Router, type Request, type Response } from 'express';
import type { InboundMessage } from '../../../core/inbound/index.js';
import type { Clock, IntakeGateway, PersonRepository, TicketRepository } from '../../../core/ports/index.js';
import { validationFailed, type ErrorDetail } from '../http-errors.js';
import { FIELD_LABELS, renderReportForm, renderReportQueued } from '../html/index.js';
import {
  onlyMethods,
  publicRateLimit,
  requireContentType,
  type RateLimitOptions,
} from '../middleware/index.js';
import { reportToInboundMessage } from '../report-to-inbound.js';
import { idempotencyKeySchema, parseReportBody } from '../schemas/report-body.schema.js';
import type { Locale } from '../schemas/issue-message.js';
import { peopleFor, presentPublicTicket } from '../ticket-presenter.js';

export interface ReportsRouteDeps {
  intake: IntakeGateway;
  tickets: TicketRepository;
  people: PersonRepository;
  intakeWaitMs: number;
  clock: Clock;
  newId: () => string;
  deskName: string;
  rateLimit: RateLimitOptions;
  bodyLimit: string;
}

const FORM = 'application/x-www-form-urlencoded';

/** A browser posting the form without JavaScript gets pages and redirects; every other client gets JSON. */
const isPlainFormPost = (req: Request): boolean =>
  Boolean(req.is(FORM)) && req.accepts(['html', 'json']) === 'html';

/** The submitted form fields we know, to show the form again with what the reporter typed. */
function formValues(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(
    Object.entries(body).filter(
      (entry): entry is [string, string] => entry[0] in FIELD_LABELS && typeof entry[1] === 'string',
    ),
  );
}

type Outcome = { ticketId: string; created: boolean } | { queued: string };

/**
 * Submits the report, unless its key was seen before: then it is answered from storage, since the
 * intake job's receipt would only repeat the first answer (`created: true`).
 */
async function intakeOutcome(deps: ReportsRouteDeps, message: InboundMessage): Promise<Outcome> {
  const stored = await deps.tickets.findTicketIdByMessage(message.channel, message.externalId);
  if (stored) return { ticketId: stored, created: false };
  const receipt = await deps.intake.submit(message, { waitMs: deps.intakeWaitMs });
  return receipt.status === 'queued' ? { queued: receipt.jobId } : receipt;
}

export function reportsRouter(deps: ReportsRouteDeps): Router {
  const router = Router();

  const handle = async (req: Request, res: Response) => {
    const page = isPlainFormPost(req);
    const locale: Locale = page || req.acceptsLanguages('en', 'zh') === 'zh' ? 'zh' : 'en';
    const headerKey = req.get('idempotency-key');

    // A plain form post shows the form again with the problems; the key is kept, so fixing and
    // resubmitting is still the one report.
    const rejected = (details: ErrorDetail[]) => {
      if (!page) throw validationFailed(details);
      const values = formValues(req.body);
      const kept = idempotencyKeySchema.safeParse(values.idempotencyKey);
      const idempotencyKey = kept.success ? kept.data : deps.newId();
      res.status(400).type('html');
      res.send(renderReportForm({ deskName: deps.deskName, idempotencyKey, values, errors: details }));
    };

    if (headerKey !== undefined && !idempotencyKeySchema.safeParse(headerKey).success) {
      return rejected([{ path: 'Idempotency-Key', message: 'Must be 1–200 printable ASCII characters.' }]);
    }
    const body = parseReportBody(req.body, locale);
    if (!body.ok) return rejected(body.error);
    const key = headerKey ?? body.value.idempotencyKey ?? deps.newId();
    // Client keys get their own namespace, so no key can collide with a message the desk sent.
    const message = reportToInboundMessage(
      body.value,
      { externalId: `form:${key}`, receivedAt: deps.clock.now() },
      locale,
    );
    if (!message.ok) return rejected(message.error);

    const outcome = await intakeOutcome(deps, message.value);
    if ('queued' in outcome) {
      if (!page) return void res.status(202).json({ intake: { status: 'queued', id: outcome.queued } });
      const values = { ...formValues(req.body), idempotencyKey: key };
      return void res
        .status(202)
        .type('html')
        .send(renderReportQueued({ deskName: deps.deskName, values }));
    }

    const ticket = await deps.tickets.findById(outcome.ticketId);
    if (!ticket) throw new Error(`intake reported ticket ${outcome.ticketId} but it cannot be read back`);
    if (page) return res.redirect(303, `/t/${encodeURIComponent(ticket.number)}`);
    // Anyone may post here: answer with what the public lookup shows, never the reporter's data
    // (a reused key must not reveal whose report it was).
    const [people, events] = await Promise.all([
      peopleFor(deps.people, [ticket]),
      deps.tickets.events(ticket.id),
    ]);
    res
      .status(outcome.created ? 201 : 200)
      .location(`/t/${encodeURIComponent(ticket.number)}`)
      .json({ ticket: presentPublicTicket(ticket, people, events) });
  };

  router
    .route('/api/v1/reports')
    .post(
      // Limit first, so an abusive client is turned away before its body is read.
      publicRateLimit('report', deps.rateLimit),
      requireContentType(['application/json', FORM]),
      express.json({ limit: deps.bodyLimit }),
      express.urlencoded({ extended: false, limit: deps.bodyLimit, parameterLimit: 100 }),
      handle,
    )
    .all(onlyMethods('POST'));
  return router;
}
