import type { Job } from 'bullmq';
import { inboundMessageSchema } from '../core/inbound/inbound-message.js';
import type {
  IngestMessageUseCase,
  IngestOutcome,
} from '../core/use-cases/ingest-message/ingest-message.use-case.js';
import { parsePayload, unwrap } from './use-case-outcome.js';

/** intake: one inbound message → a new ticket or a follow-up. The return value answers the web form. */
export const intakeProcessor =
  (ingest: IngestMessageUseCase) =>
  async (job: Job): Promise<IngestOutcome> =>
    unwrap(await ingest.execute(parsePayload(inboundMessageSchema, job.data)));
