import { EmailContactRepository } from '../../../adapters/email/email-contact.repository.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { pino } from 'pino';
import { startEmailIntake, type RunningEmailIntake } from '../../../adapters/email/email-channel.js';
import { EmailNotifier } from '../../../adapters/email/email-notifier.js';
import type { MailOutcome } from '../../../adapters/email/email-intake.js';
import type { WatchTiming } from '../../../adapters/email/mailbox-config.js';
import { SentMailRepository } from '../../../adapters/email/sent-mail.repository.js';
import { SmtpMailSender } from '../../../adapters/email/smtp-mail-sender.js';
import type { Ticket } from '../../../core/tickets/ticket.entity.js';
import { startWorkers, type WorkerPool } from '../../../workers/main.js';
import { startDovecot, type TestDovecot } from '../../support/dovecot.js';
import { startPipeline, type Pipeline } from '../../support/pipeline-harness.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';

export const MAIL_FROM = 'IT服务台 <helpdesk@desk.example.cn>';
export const FIXTURES = '/work/shared/fixtures/email';

export interface EmailHarness {
  dovecot: TestDovecot;
  smtp: SmtpCapture;
  pipeline: Pipeline;
  pool: WorkerPool;
  imap: ImapFlow;
  outcomes: Array<{ outcome: MailOutcome; uid: number }>;
  dataDir: string;
  channel: RunningEmailIntake | null;
  startIntake(timing?: Partial<WatchTiming>): Promise<RunningEmailIntake>;
  append(raw: string | Buffer, folder?: string): Promise<number>;
  waitForOutcomes(n: number, timeoutMs?: number): Promise<void>;
  emailTickets(): Promise<Ticket[]>;
  close(): Promise<void>;
}

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** Dovecot + SMTP capture + the real pipeline with a notify-email consumer. */
export async function startEmailHarness(
  options: { acknowledgementsPerHour?: number } = {},
): Promise<EmailHarness> {
  const dovecot = await startDovecot();
  const smtp = await startSmtpCapture();
  const pipeline = await startPipeline({ workers: false, enabledChannels: ['web', 'email'] });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'deskbot-email-'));
  const sender = new SmtpMailSender(smtp.url, MAIL_FROM);
  const notifier = new EmailNotifier(
    {
      sender,
      sent: new SentMailRepository(pipeline.database.db),
      contacts: new EmailContactRepository(pipeline.database.db),
      tickets: pipeline.tickets,
      recordDelivery: pipeline.useCases.recordDelivery,
      clock: pipeline.clock,
      logger,
    },
    {
      mailFrom: MAIL_FROM,
      publicUrl: 'https://desk.example.cn',
      englishContacts: ['@partner.example.com'],
      acknowledgementsPerHour: options.acknowledgementsPerHour ?? 5,
    },
  );
  const pool = startWorkers({
    redisUrl: pipeline.redisUrl,
    prefix: pipeline.prefix,
    concurrency: 8,
    logger,
    useCases: pipeline.useCases,
    emailNotifier: notifier,
  });
  const u = new URL(dovecot.url);
  const imap = new ImapFlow({
    host: u.hostname,
    port: Number(u.port),
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await imap.connect();
  const outcomes: EmailHarness['outcomes'] = [];
  const h: EmailHarness = {
    dovecot,
    smtp,
    pipeline,
    pool,
    imap,
    outcomes,
    dataDir,
    channel: null,
    async startIntake(timing = {}) {
      h.channel = await startEmailIntake({
        mailboxes: [
          {
            imapUrl: dovecot.url,
            user: dovecot.user,
            password: dovecot.password,
            folder: 'INBOX',
            processedFolder: null,
          },
        ],
        timing: { pollSeconds: 60, reconnectMinMs: 200, reconnectMaxMs: 1000, ...timing },
        db: pipeline.database.db,
        tickets: pipeline.tickets,
        intake: pipeline.intake,
        dataDir,
        attachmentMaxBytes: 20_000,
        ownAddresses: ['helpdesk@desk.example.cn'],
        ticketPrefix: pipeline.desk.ticketPrefix,
        logger,
        events: { onMail: (outcome, uid) => outcomes.push({ outcome, uid }) },
      });
      return h.channel;
    },
    async append(raw, folder = 'INBOX') {
      const r = await imap.append(folder, raw);
      return r ? Number(r.uid) : 0;
    },
    async waitForOutcomes(n, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (outcomes.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} mails handled, got ${outcomes.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async emailTickets() {
      const { tickets } = await pipeline.tickets.list({ channel: ['email'], limit: 1000, offset: 0 });
      return tickets;
    },
    async close() {
      await h.channel?.stop();
      await imap.logout().catch(() => undefined);
      await pool.close();
      sender.close();
      await pipeline.close();
      await smtp.stop();
      await dovecot.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Polls until `check` passes (returns without throwing) or the time runs out. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
