import { EmailContactRepository } from '../../adapters/email/email-contact.repository.js';
import type { Logger } from 'pino';
import type { AppConfig, EmailSettings } from '../../adapters/config/app-config.js';
import type { Database } from '../../adapters/db/index.js';
import { startEmailIntake, type RunningEmailIntake } from '../../adapters/email/email-channel.js';
import { EmailNotifier } from '../../adapters/email/email-notifier.js';
import { MailboxStateRepository } from '../../adapters/email/mailbox-state.repository.js';
import { SentMailRepository } from '../../adapters/email/sent-mail.repository.js';
import { SmtpMailSender } from '../../adapters/email/smtp-mail-sender.js';
import { DEFAULT_EMAIL_DESK_SETTINGS } from '../../core/mail/email-settings.js';
import { addressOfMailFrom } from '../../core/mail/outbound-mail.js';
import type { Services } from './build-services.js';

const deskEmail = (config: AppConfig) => config.desk.email ?? DEFAULT_EMAIL_DESK_SETTINGS;

/** The `email` role: watches every configured folder of the support account and feeds intake. */
export async function startEmailRole(
  config: AppConfig & { email: EmailSettings },
  services: Services,
  database: Database,
  logger: Logger,
): Promise<RunningEmailIntake> {
  const desk = deskEmail(config);
  const account = config.email;
  return startEmailIntake({
    mailboxes: desk.mailboxes.map((m) => ({
      imapUrl: account.imapUrl,
      user: account.imapUser,
      password: account.imapPassword,
      folder: m.folder,
      processedFolder: m.processedFolder,
    })),
    timing: { pollSeconds: account.pollSeconds },
    db: database.db,
    tickets: services.tickets,
    intake: services.intake,
    dataDir: config.dataDir,
    attachmentMaxBytes: desk.attachmentMaxMb * 1024 * 1024,
    ownAddresses: [
      addressOfMailFrom(account.mailFrom),
      ...(account.imapUser.includes('@') ? [account.imapUser] : []),
    ],
    ticketPrefix: config.desk.ticketPrefix,
    logger: logger.child({ role: 'email' }),
  });
}

/** The notify-email consumer's notifier (workers role), or null when email is not configured. */
export function emailNotifierFor(
  config: AppConfig,
  services: Services,
  database: Database,
  logger: Logger,
): { notifier: EmailNotifier; close(): void } | null {
  if (!config.email) return null;
  const desk = deskEmail(config);
  const sender = new SmtpMailSender(config.email.smtpUrl, config.email.mailFrom);
  const notifier = new EmailNotifier(
    {
      sender,
      sent: new SentMailRepository(database.db),
      contacts: new EmailContactRepository(database.db),
      tickets: services.tickets,
      recordDelivery: services.useCases.recordDelivery,
      clock: services.clock,
      logger: logger.child({ queue: 'notify-email' }),
    },
    {
      mailFrom: config.email.mailFrom,
      publicUrl: config.publicUrl,
      englishContacts: desk.englishContacts,
      acknowledgementsPerHour: desk.acknowledgementsPerHour,
    },
  );
  return { notifier, close: () => sender.close() };
}

/** Mailbox rows for /healthz: connected, last fetch, last error, counts (read from the database). */
export async function mailboxHealth(
  database: Database,
): Promise<Array<{ mailbox: string; ok: boolean; detail: string }>> {
  const rows = await new MailboxStateRepository(database.db).list();
  return rows.map((r) => ({
    mailbox: r.key,
    ok: r.connected,
    detail: [
      r.connected ? 'connected' : 'disconnected',
      `last fetch ${r.lastFetchAt?.toISOString() ?? 'never'}`,
      `${r.processed} processed, ${r.filtered} filtered`,
      ...(r.lastError ? [`last error ${r.lastError} at ${r.lastErrorAt?.toISOString() ?? '?'}`] : []),
    ].join('; '),
  }));
}
