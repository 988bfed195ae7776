import type { Job } from 'bullmq';
import { ticketJobSchema } from '../adapters/queue/queue-payloads.js';
import type {
  ClassifyOutcome,
  ClassifyTicketUseCase,
} from '../core/use-cases/classify-ticket/classify-ticket.use-case.js';
import { parsePayload, unwrap } from './use-case-outcome.js';

/** classify: module type + the desk's acceptance (overall owner). */
export const classifyProcessor =
  (classify: ClassifyTicketUseCase) =>
  async (job: Job): Promise<ClassifyOutcome> =>
    unwrap(await classify.execute(parsePayload(ticketJobSchema, job.data).ticketId));
