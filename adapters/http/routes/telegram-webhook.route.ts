import { Router, type RequestHandler } from 'express';

export interface TelegramWebhookDeps {
  /** The path of TELEGRAM_WEBHOOK_URL. */
  path: string;
  /** Telegraf's webhookCallback: checks X-Telegram-Bot-Api-Secret-Token, then handles the update. */
  handler: RequestHandler;
}

/** Telegram pushes updates here when a webhook URL is configured (no bearer token: the secret header guards it). */
export function telegramWebhookRouter(deps: TelegramWebhookDeps): Router {
  const router = Router();
  router.post(deps.path, deps.handler);
  return router;
}
