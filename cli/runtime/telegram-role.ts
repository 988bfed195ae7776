import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig, TelegramSettings } from '../../adapters/config/app-config.js';
import type { TelegramWebhookDeps } from '../../adapters/http/routes/telegram-webhook.route.js';
import { AttachmentStore } from '../../adapters/email/attachment-store.js';
import { startChatNotifier } from '../../bots/shared/chat-notifier.js';
import { TelegramBot } from '../../bots/telegram/telegram-bot.js';
import type { Services } from './build-services.js';

export interface TelegramRoleOptions {
  settings: TelegramSettings;
  services: Pick<Services, 'intake' | 'useCases'>;
  redisUrl: string;
  queuePrefix: string;
  dataDir: string;
  logger: Logger;
}

/** Telegram's secret-token alphabet; without one configured, a stable one derived from the bot token. */
export function webhookSecretOf(s: TelegramSettings): string {
  return s.webhookSecret ?? createHash('sha256').update(`deskbot-webhook:${s.botToken}`).digest('hex');
}

/** The path the api role serves the webhook at: the path of TELEGRAM_WEBHOOK_URL. */
export const webhookPathOf = (s: TelegramSettings): string | null =>
  s.webhookUrl ? new URL(s.webhookUrl).pathname : null;

export function telegramBotFor(o: Omit<TelegramRoleOptions, 'redisUrl' | 'queuePrefix'>): TelegramBot {
  return new TelegramBot({
    token: o.settings.botToken,
    apiRoot: o.settings.apiRoot,
    intake: o.services.intake,
    attachments: new AttachmentStore(path.join(o.dataDir, 'attachments')),
    logger: o.logger.child({ role: 'telegram' }),
    webhook: o.settings.webhookUrl
      ? { url: o.settings.webhookUrl, secretToken: webhookSecretOf(o.settings) }
      : undefined,
  });
}

/** The api role's Telegram webhook route, when TELEGRAM_WEBHOOK_URL is set. */
export async function telegramWebhookFor(
  config: AppConfig,
  services: Pick<Services, 'intake' | 'useCases'>,
  logger: Logger,
): Promise<{ telegramWebhook?: TelegramWebhookDeps }> {
  const settings = config.telegram;
  const route = settings ? webhookPathOf(settings) : null;
  if (!settings || !route) return {};
  const bot = telegramBotFor({ settings, services, dataDir: config.dataDir, logger });
  await bot.identify();
  return { telegramWebhook: { path: route, handler: bot.webhookCallback(route) } };
}

/** The `telegram` role: polling (or registering the webhook) and the notify-telegram consumer. */
export async function startTelegramRole(
  o: TelegramRoleOptions,
): Promise<{ bot: TelegramBot; stop(): Promise<void> }> {
  const bot = telegramBotFor(o);
  await bot.start();
  const notifier = startChatNotifier({
    channel: 'telegram',
    redisUrl: o.redisUrl,
    prefix: o.queuePrefix,
    logger: o.logger.child({ role: 'telegram' }),
    send: (n) => bot.send(n),
    recordDelivery: o.services.useCases.recordDelivery,
    // Telegram allows about 20 messages a minute into one group.
    perSecond: 0.33,
    burst: 10,
  });
  return {
    bot,
    async stop() {
      await notifier.close();
      bot.stop();
    },
  };
}
