import { Telegraf } from 'telegraf';
import type { Message, Update } from 'telegraf/types';
import type { Logger } from 'pino';
import type { AttachmentStore } from '../../adapters/email/attachment-store.js';
import type { IntakeGateway } from '../../core/ports/intake-gateway.port.js';
import type { Notification } from '../../core/ports/job-scheduler.port.js';
import { telegramToInbound, type BotIdentity } from './telegram-message.js';

export interface TelegramBotOptions {
  token: string;
  /** A local Bot API server or an emulator; null = Telegram's own. */
  apiRoot: string | null;
  intake: IntakeGateway;
  attachments: Pick<AttachmentStore, 'store'>;
  logger: Logger;
  /** Set: Telegram pushes updates to this URL (checked with `secretToken`); unset: long polling. */
  webhook?: { url: string; secretToken: string } | undefined;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Telegraf front end: polling and webhook both end in Telegraf's handleUpdate, which hands each
 * message to the intake queue. Sending is plain Bot API calls (HTML mentions in groups).
 */
export class TelegramBot {
  readonly telegraf: Telegraf;
  private me: BotIdentity | null = null;

  constructor(private readonly o: TelegramBotOptions) {
    this.telegraf = new Telegraf(o.token, {
      ...(o.apiRoot ? { telegram: { apiRoot: o.apiRoot } } : {}),
      handlerTimeout: 30_000,
    });
    this.telegraf.on('message', (ctx) =>
      this.onMessage(ctx.message as Update.New & Update.NonChannel & Message),
    );
    this.telegraf.catch((e, ctx) =>
      o.logger.error(
        { updateId: ctx.update.update_id, err: e instanceof Error ? e.message : String(e) },
        'telegram update failed',
      ),
    );
  }

  /** Learns the bot's own id and name (to tell mentions of it); enough for a webhook-only process. */
  async identify(): Promise<void> {
    const me = await this.telegraf.telegram.getMe();
    this.me = { id: me.id, username: me.username };
    this.telegraf.botInfo = me;
  }

  async start(): Promise<void> {
    await this.identify();
    const me = this.telegraf.botInfo!;
    if (this.o.webhook) {
      await this.telegraf.telegram.setWebhook(this.o.webhook.url, {
        secret_token: this.o.webhook.secretToken,
      });
      this.o.logger.info({ url: this.o.webhook.url, bot: me.username }, 'telegram webhook set');
      return;
    }
    // launch() settles only when polling stops; failures after start are logged, not thrown here.
    void this.telegraf
      .launch({ dropPendingUpdates: false })
      .catch((e: unknown) =>
        this.o.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'telegram polling stopped'),
      );
    this.o.logger.info({ bot: me.username }, 'telegram long polling started');
  }

  /** Express middleware for the webhook path (checks Telegram's secret-token header). */
  webhookCallback(path: string) {
    return this.telegraf.webhookCallback(path, { secretToken: this.o.webhook?.secretToken });
  }

  stop(): void {
    try {
      this.telegraf.stop('deskbot stopping');
    } catch {
      // not polling (webhook mode, or never started)
    }
  }

  private async onMessage(m: Update.New & Update.NonChannel & Message): Promise<void> {
    if (!m.from || m.from.is_bot) return;
    const me = this.me ?? { id: 0, username: '' };
    const inbound = await telegramToInbound(m, me, {
      telegram: this.telegraf.telegram,
      store: this.o.attachments,
    });
    await this.o.intake.submit(inbound);
  }

  async send(n: Notification): Promise<{ messageId: string | null }> {
    const chatId = n.to.conversationId ?? n.to.address;
    if (!chatId) throw new Error(`notification ${n.id} has neither a chat nor an address`);
    const mention =
      n.to.conversationId && n.to.address
        ? `<a href="tg://user?id=${escapeHtml(n.to.address)}">@${escapeHtml(n.to.name)}</a> `
        : '';
    const sent = await this.telegraf.telegram.sendMessage(chatId, `${mention}${escapeHtml(n.text)}`, {
      parse_mode: 'HTML',
    });
    return { messageId: `${chatId}:${sent.message_id}` };
  }
}
