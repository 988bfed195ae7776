import { pino } from 'pino';
import { createJiebaTokenizer } from '../../adapters/classify/jieba-tokenizer.js';
import { buildChatUseCases } from '../../cli/runtime/chat-services.js';
import { buildCommandServices } from '../../cli/runtime/command-services.js';
import type { DeskSettings } from '../../core/desk/desk-settings.js';
import type { Channel } from '../../core/inbound/channel.js';
import { IngestMessageUseCase } from '../../core/use-cases/ingest-message/ingest-message.use-case.js';
import { startWorkers, type WorkerPool } from '../../workers/main.js';
import { startPipeline, type Pipeline } from './pipeline-harness.js';

/**
 * The real pipeline with the chat side wired as the workers role wires it (chat lines, burst
 * windows, chat commands), for the WeChat and Telegram tests. The caller closes `pool`, then `p`.
 */
export async function startChatPipeline(
  desk: DeskSettings,
  enabledChannels: Channel[],
  concurrency = 8,
): Promise<{ p: Pipeline; pool: WorkerPool }> {
  const p = await startPipeline({ desk, enabledChannels, workers: false });
  const commands = buildCommandServices({
    database: p.database,
    tickets: p.tickets,
    people: p.people,
    jobs: p.scheduler,
    clock: p.clock,
    desk,
    enabledChannels: new Set(enabledChannels),
  });
  const chat = buildChatUseCases({
    database: p.database,
    tickets: p.tickets,
    people: p.people,
    scheduler: p.scheduler,
    clock: p.clock,
    desk,
    tokenizer: createJiebaTokenizer(desk.categories.flatMap((c) => [c.name, ...c.keywords])),
    ingest: new IngestMessageUseCase({
      tickets: p.tickets,
      people: p.people,
      jobs: p.scheduler,
      clock: p.clock,
      desk,
    }),
    runCommand: commands.chatCommand,
  });
  const pool = startWorkers({
    redisUrl: p.redisUrl,
    prefix: p.prefix,
    concurrency,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    useCases: { ...p.useCases, ...chat },
  });
  return { p, pool };
}
