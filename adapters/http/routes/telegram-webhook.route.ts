import { Router, type RequestHandler } from 'express';
import { HttpError } from '../http-errors.js';

export interface TelegramWebhookDeps {
  /** The path of TELEGRAM_WEBHOOK_URL. */
  path: string;
  /** Telegraf's webhookCallback: checks X-Telegram-Bot-Api-Secret-Token, then handles the update. */
  handler: RequestHandler;
}

/** Telegram pushes updates here when a webhook URL is configured (no bearer token: the secret header guards it). */
export function telegramWebhookRouter(deps: TelegramWebhookDeps): Router {
  const router = Router();
  // Telegraf calls `next` for a request it refuses (wrong or missing secret). Passed through, that
  // fell to the 404 handler, so a secret mismatch looked like a wrong URL to Telegram and operators.
  router.post(deps.path, (req, res, next) =>
    deps.handler(req, res, () =>
      next(new HttpError('FORBIDDEN', 'Wrong or missing X-Telegram-Bot-Api-Secret-Token.')),
    ),
  );
  return router;
}
