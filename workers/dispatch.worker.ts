import type { Job } from 'bullmq';
import { ticketJobSchema } from '../adapters/queue/queue-payloads.js';
import type {
  DispatchOutcome,
  DispatchTicketUseCase,
} from '../core/use-cases/dispatch-ticket/dispatch-ticket.use-case.js';
import { parsePayload, unwrap } from './use-case-outcome.js';

/** dispatch: choose the field engineer, tell the reporter and the engineer. */
export const dispatchProcessor =
  (dispatch: DispatchTicketUseCase) =>
  async (job: Job): Promise<DispatchOutcome> =>
    unwrap(await dispatch.execute(parsePayload(ticketJobSchema, job.data).ticketId));
