import path from 'node:path';
import type { Db } from '../db/database.js';
import type { IntakeGateway } from '../../core/ports/intake-gateway.port.js';
import type { Logger } from '../../core/ports/logger.port.js';
import type { TicketRepository } from '../../core/ports/ticket.repository.port.js';
import { AttachmentStore } from './attachment-store.js';
import { EmailContactRepository } from './email-contact.repository.js';
import { EmailIntake } from './email-intake.js';
import { ImapMailboxWatcher, type WatcherEvents } from './imap-mailbox-watcher.js';
import { DEFAULT_WATCH_TIMING, type MailboxSpec, type WatchTiming } from './mailbox-config.js';
import { MailboxStateRepository } from './mailbox-state.repository.js';
import { SentMailRepository } from './sent-mail.repository.js';

export interface EmailIntakeSettings {
  mailboxes: MailboxSpec[];
  timing?: Partial<WatchTiming>;
  db: Db;
  tickets: Pick<TicketRepository, 'findTicketIdByMessage'>;
  intake: IntakeGateway;
  /** DATA_DIR: attachments go to DATA_DIR/attachments. */
  dataDir: string;
  attachmentMaxBytes: number;
  /** MAIL_FROM's address and the mailboxes' own: mail from them is a loop. */
  ownAddresses: string[];
  ticketPrefix: string;
  logger: Logger;
  events?: WatcherEvents;
}

export interface RunningEmailIntake {
  watchers: ImapMailboxWatcher[];
  stop(): Promise<void>;
}

/** Starts one watcher per configured folder; they share intake, storage and state. */
export async function startEmailIntake(s: EmailIntakeSettings): Promise<RunningEmailIntake> {
  const state = new MailboxStateRepository(s.db);
  const intake = new EmailIntake({
    intake: s.intake,
    sent: new SentMailRepository(s.db),
    knownInbound: async (id) => (await s.tickets.findTicketIdByMessage('email', id)) !== null,
    contacts: new EmailContactRepository(s.db),
    attachments: new AttachmentStore(path.join(s.dataDir, 'attachments'), {
      maxBytes: s.attachmentMaxBytes,
      maxCount: 20,
    }),
    ownAddresses: new Set(s.ownAddresses.map((a) => a.toLowerCase())),
    ticketPrefix: s.ticketPrefix,
    logger: s.logger,
  });
  const timing = { ...DEFAULT_WATCH_TIMING, ...s.timing };
  const watchers = s.mailboxes.map(
    (spec) =>
      new ImapMailboxWatcher(spec, timing, {
        intake,
        state,
        logger: s.logger,
        ...(s.events ? { events: s.events } : {}),
      }),
  );
  await Promise.all(watchers.map((w) => w.start()));
  return {
    watchers,
    async stop() {
      await Promise.all(watchers.map((w) => w.stop()));
    },
  };
}
