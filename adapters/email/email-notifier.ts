import { composeMail } from '../../core/mail/compose-mail.js';
import { prefersEnglish } from '../../core/mail/email-settings.js';
import { addressOfMailFrom } from '../../core/mail/outbound-mail.js';
import type { Clock } from '../../core/ports/clock.port.js';
import type { Notification } from '../../core/ports/job-scheduler.port.js';
import type { Logger } from '../../core/ports/logger.port.js';
import type { TicketRepository } from '../../core/ports/ticket.repository.port.js';
import { KeyedMutex } from '../../core/shared/keyed-mutex.js';
import type { Result } from '../../core/shared/result.js';
import type { UseCaseError } from '../../core/use-cases/use-case.errors.js';
import type { EmailContactRepository } from './email-contact.repository.js';
import type { MailSender } from './smtp-mail-sender.js';
import type { SentMailRepository } from './sent-mail.repository.js';

export interface EmailNotifierSettings {
  mailFrom: string;
  /** Base of the rating links in satisfaction mails; null: reply-only. */
  publicUrl: string | null;
  englishContacts: string[];
  acknowledgementsPerHour: number;
}

export interface EmailNotifierDeps {
  sender: MailSender;
  sent: SentMailRepository;
  tickets: Pick<TicketRepository, 'findById'>;
  recordDelivery: {
    execute(n: Notification, d?: { providerId?: string }): Promise<Result<unknown, UseCaseError>>;
  };
  /** Contacts an operator marked English (`deskbot contacts set … --language en`). */
  contacts: Pick<EmailContactRepository, 'languageOf'>;
  clock: Clock;
  logger: Logger;
}

export type DeliveryOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'already-sent'; messageId: string }
  | { status: 'skipped'; reason: 'no-address' | 'rate-limited' };

const HOUR_MS = 3_600_000;

/**
 * Carries a notification out by mail: composes it (purpose → template, language by contact),
 * threads it under the reporter's mail and our earlier ones, sends it, remembers its Message-ID
 * for threading replies, and records the delivery on the ticket. An SMTP failure throws: the queue
 * retries it, intake never waits for it.
 */
export class EmailNotifier {
  private readonly domain: string;
  // Check-then-send of acknowledgements, one recipient at a time, so a burst cannot slip past the limit.
  private readonly perRecipient = new KeyedMutex();

  constructor(
    private readonly deps: EmailNotifierDeps,
    private readonly settings: EmailNotifierSettings,
  ) {
    this.domain = addressOfMailFrom(settings.mailFrom).split('@')[1] ?? 'deskbot.invalid';
  }

  async deliver(n: Notification): Promise<DeliveryOutcome> {
    const address = n.to.address?.trim().toLowerCase();
    if (!address) {
      this.deps.logger.warn(
        { notification: n.id, to: n.to.name },
        'mail notification without an address: not sent',
      );
      return { status: 'skipped', reason: 'no-address' };
    }
    return n.purpose === 'acknowledgement'
      ? this.perRecipient.run(address, () => this.deliverTo(n, address))
      : this.deliverTo(n, address);
  }

  private async deliverTo(n: Notification, address: string): Promise<DeliveryOutcome> {
    const ticket = n.ticketId ? await this.deps.tickets.findById(n.ticketId) : null;
    const thread = [
      ...(n.to.conversationId ? [n.to.conversationId] : []),
      ...(n.ticketId ? await this.deps.sent.thread(n.ticketId, address) : []),
    ];
    const mail = composeMail(n, {
      domain: this.domain,
      language: await this.languageFor(address),
      ticketTitle: ticket?.title ?? null,
      publicUrl: this.settings.publicUrl,
      thread,
    });
    if (!mail) return { status: 'skipped', reason: 'no-address' };

    // Sent before but not recorded (the process died in between): record only, never mail twice.
    if ((await this.deps.sent.ours([mail.messageId])).size > 0) {
      await this.record(n, mail.messageId);
      return { status: 'already-sent', messageId: mail.messageId };
    }
    if (n.purpose === 'acknowledgement') {
      const since = new Date(this.deps.clock.now().getTime() - HOUR_MS);
      const recent = await this.deps.sent.countSince(address, 'acknowledgement', since);
      if (recent >= this.settings.acknowledgementsPerHour) {
        this.deps.logger.warn(
          { notification: n.id, to: address, recent, limit: this.settings.acknowledgementsPerHour },
          'acknowledgement not mailed: this sender reached the hourly limit',
        );
        return { status: 'skipped', reason: 'rate-limited' };
      }
    }
    await this.deps.sender.send(mail);
    await this.deps.sent.record({
      messageId: mail.messageId,
      notificationId: n.id,
      ticketId: n.ticketId,
      purpose: n.purpose,
      recipient: address,
      sentAt: this.deps.clock.now(),
    });
    await this.record(n, mail.messageId);
    return { status: 'sent', messageId: mail.messageId };
  }

  /** desk.yaml's englishContacts, else what an operator set on the contact, else Chinese. */
  private async languageFor(address: string): Promise<'zh' | 'en'> {
    if (prefersEnglish(address, this.settings.englishContacts)) return 'en';
    return (await this.deps.contacts.languageOf(address)) ?? 'zh';
  }

  private async record(n: Notification, messageId: string): Promise<void> {
    const result = await this.deps.recordDelivery.execute(n, { providerId: messageId });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  }
}
