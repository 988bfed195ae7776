import { randomUUID } from 'node:crypto';
import type { Database } from '../../adapters/db/index.js';
import { DrizzleChatConversationRepository } from '../../adapters/db/chat-conversation.repository.js';
import { BullmqBurstTimer } from '../../adapters/queue/bullmq-burst-timer.js';
import type { BullmqJobScheduler } from '../../adapters/queue/bullmq-job-scheduler.js';
import { parseCommand } from '../../core/commands/parse-command.js';
import type { DeskSettings } from '../../core/desk/desk-settings.js';
import { DEFAULT_CHAT_SETTINGS } from '../../core/intake/chat-settings.js';
import type { Clock } from '../../core/ports/clock.port.js';
import type { PersonRepository } from '../../core/ports/person.repository.port.js';
import type { TicketRepository } from '../../core/ports/ticket.repository.port.js';
import type { Tokenizer } from '../../core/ports/tokenizer.port.js';
import { ok, type Result } from '../../core/shared/result.js';
import type { ChatCommandInput, ChatCommandOutcome } from '../../core/use-cases/chat-command/index.js';
import {
  ChatMessageUseCase,
  CloseBurstUseCase,
  type ChatCommands,
  type TicketRater,
} from '../../core/use-cases/chat-message/index.js';
import type { IngestMessageUseCase } from '../../core/use-cases/ingest-message/ingest-message.use-case.js';
import { TicketActionsUseCase } from '../../core/use-cases/ticket-actions/index.js';
import type { UseCaseError } from '../../core/use-cases/use-case.errors.js';

export interface ChatServiceDeps {
  database: Database;
  tickets: TicketRepository;
  people: PersonRepository;
  scheduler: BullmqJobScheduler;
  clock: Clock;
  desk: DeskSettings;
  tokenizer: Tokenizer;
  ingest: IngestMessageUseCase;
  /** The chat-command use case (core/use-cases/chat-command); absent → commands answer "not available". */
  runCommand?: { execute(input: ChatCommandInput): Promise<Result<ChatCommandOutcome, UseCaseError>> };
}

/** The chat router and the burst closer, wired to PostgreSQL state and a BullMQ delayed-job timer. */
export function buildChatUseCases(deps: ChatServiceDeps) {
  const conversations = new DrizzleChatConversationRepository(deps.database.db);
  const timer = new BullmqBurstTimer(deps.scheduler, () => deps.clock.now().getTime());
  const chat = deps.desk.chat ?? DEFAULT_CHAT_SETTINGS;
  const actions = new TicketActionsUseCase({
    tickets: deps.tickets,
    people: deps.people,
    clock: deps.clock,
    desk: deps.desk,
  });
  const commands: ChatCommands = {
    parse: (text, quotedTicketNumber) =>
      parseCommand(text, { quotedTicketNumber, ticketPrefix: deps.desk.ticketPrefix }),
    run: (input) =>
      deps.runCommand ? deps.runCommand.execute(input) : Promise.resolve(ok(unavailable(input))),
  };
  const rater: TicketRater = {
    async rate({ ticketId, rating, comment, message, sender }) {
      const done = await actions.execute({
        ticket: { id: ticketId },
        actor: { kind: sender ? 'person' : 'reporter', id: sender?.id ?? null, name: message.sender.name },
        channel: message.channel,
        request: { action: 'rate', rating, comment },
      });
      if (!done.ok) return done;
      const t = done.value.ticket;
      const text = `感谢您的评价！工单 ${t.number} 已记录评分 ${rating} 分并关闭。`;
      return ok({
        replies: [{ text, private: false, mention: true, ticketId: t.id, ticketNumber: t.number }],
      });
    },
  };
  const shared = {
    conversations,
    timer,
    tickets: deps.tickets,
    jobs: deps.scheduler,
    clock: deps.clock,
  };
  return {
    chatMessage: new ChatMessageUseCase({
      ...shared,
      people: deps.people,
      tokenizer: deps.tokenizer,
      newId: randomUUID,
      desk: deps.desk,
      chat,
      commands,
      rater,
    }),
    closeBurst: new CloseBurstUseCase({ ...shared, ingest: deps.ingest }),
  };
}

function unavailable(input: ChatCommandInput): ChatCommandOutcome {
  const kind = input.command.ok ? input.command.value.kind : input.command.error.kind;
  return {
    kind,
    status: 'unavailable',
    code: 'COMMAND_UNAVAILABLE',
    replies: [
      {
        text: '该命令在当前版本尚未启用。',
        private: true,
        mention: false,
        ticketId: null,
        ticketNumber: null,
      },
    ],
  };
}
