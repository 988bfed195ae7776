import type { Job } from 'bullmq';
import { inboundMessageSchema } from '../core/inbound/inbound-message.js';
import type { ChatMessageUseCase, ChatOutcome } from '../core/use-cases/chat-message/index.js';
import { isChatChannel } from '../core/use-cases/chat-message/chat-message.ports.js';
import type {
  IngestMessageUseCase,
  IngestOutcome,
} from '../core/use-cases/ingest-message/ingest-message.use-case.js';
import { parsePayload, unwrap } from './use-case-outcome.js';

/**
 * intake: one inbound message → a new ticket or a follow-up. The return value answers the web form.
 * Chat lines go to the chat router instead (commands, bursts, answers), when this process has one.
 */
export const intakeProcessor =
  (ingest: IngestMessageUseCase, chat?: ChatMessageUseCase) =>
  async (job: Job): Promise<IngestOutcome | ChatOutcome> => {
    const message = parsePayload(inboundMessageSchema, job.data);
    if (chat && isChatChannel(message.channel)) return unwrap(await chat.execute(message));
    return unwrap(await ingest.execute(message));
  };
