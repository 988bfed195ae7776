import type { Job } from 'bullmq';
import { burstJobSchema } from '../adapters/queue/queue-payloads.js';
import type {
  CloseBurstOutcome,
  CloseBurstUseCase,
} from '../core/use-cases/chat-message/close-burst.use-case.js';
import { parsePayload, unwrap } from './use-case-outcome.js';

/** chat-burst: a reporter's burst window ended; their lines become one ticket. */
export const chatBurstProcessor =
  (closeBurst: CloseBurstUseCase) =>
  async (job: Job): Promise<CloseBurstOutcome> =>
    unwrap(await closeBurst.execute(parsePayload(burstJobSchema, job.data).draftId));
