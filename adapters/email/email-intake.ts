import { createHash } from 'node:crypto';
import { z } from 'zod';
import { inboundMessageSchema } from '../../core/inbound/inbound-message.js';
import type { NoiseVerdict } from '../../core/mail/filters/mail-filter.js';
import { noiseVerdict } from '../../core/mail/filters/classify-noise.js';
import { threadCandidates, ticketRefInSubject } from '../../core/mail/mail-threading.js';
import { mailToInbound, type MailContactDetails } from '../../core/mail/mail-to-inbound.js';
import type { IntakeGateway } from '../../core/ports/intake-gateway.port.js';
import type { Logger } from '../../core/ports/logger.port.js';
import type { AttachmentStore } from './attachment-store.js';
import type { EmailContactRepository } from './email-contact.repository.js';
import { parseMail } from './parse-mail.js';
import type { SentMailRepository } from './sent-mail.repository.js';

export type MailOutcome =
  | { kind: 'submitted'; externalId: string; followUp: boolean }
  | { kind: 'filtered'; externalId: string; verdict: NoiseVerdict }
  /** Not a mail we can read; logged, and the mailbox moves on (the mail stays there for a human). */
  | { kind: 'unreadable'; reason: string };

export interface EmailIntakeDeps {
  intake: IntakeGateway;
  sent: Pick<SentMailRepository, 'ours'>;
  /** Whether an inbound mail with this Message-ID is stored on a ticket (a reply to it is a follow-up). */
  knownInbound(messageId: string): Promise<boolean>;
  attachments: AttachmentStore;
  /** Senders not on the roster become contacts; omitted: none are kept. */
  contacts?: Pick<EmailContactRepository, 'remember'>;
  ownAddresses: ReadonlySet<string>;
  ticketPrefix: string;
  logger: Logger;
}

const ID_MAX = 300;
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** The intake idempotency key: the Message-ID, or a digest of the bytes when it is missing or huge. */
export function externalIdOf(messageId: string | null, raw: Buffer): string {
  if (messageId && messageId.length <= ID_MAX) return messageId;
  return `${sha(messageId ?? raw).slice(0, 40)}@no-message-id.deskbot`;
}

/** One received mail → noise filters → threading → stored attachments → the intake queue. */
export class EmailIntake {
  constructor(private readonly deps: EmailIntakeDeps) {}

  async process(raw: Buffer, receivedAt: Date): Promise<MailOutcome> {
    let parsed;
    try {
      parsed = await parseMail(raw);
    } catch (e) {
      return { kind: 'unreadable', reason: e instanceof Error ? e.message : String(e) };
    }
    const { mail } = parsed;
    const externalId = externalIdOf(mail.messageId, raw);
    const verdict = noiseVerdict(mail, { ownAddresses: this.deps.ownAddresses });
    if (verdict) {
      this.deps.logger.info(
        { messageId: externalId, from: mail.from?.address, noise: verdict.kind, reason: verdict.reason },
        'mail filtered: no ticket, no reply',
      );
      return { kind: 'filtered', externalId, verdict };
    }
    const inReplyTo = await this.replyTarget(threadCandidates(mail));
    const ticketRef = ticketRefInSubject(mail.subject, this.deps.ticketPrefix);
    const attachments = await this.deps.attachments.store(parsed.attachments, receivedAt);
    const contact = await this.rememberSender(mail.from, mail.date ?? receivedAt);
    const message = inboundMessageSchema.safeParse(
      mailToInbound({
        mail,
        externalId,
        receivedAt: mail.date ?? receivedAt,
        inReplyTo,
        ticketRef,
        attachments,
        contact,
      }),
    );
    if (!message.success)
      return {
        kind: 'unreadable',
        reason: message.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      };
    await this.deps.intake.submit(message.data);
    return { kind: 'submitted', externalId, followUp: inReplyTo !== null || ticketRef !== null };
  }

  /** A sender who is not on the roster becomes (or is counted as) a contact. */
  private async rememberSender(
    from: { address: string; name: string } | null,
    at: Date,
  ): Promise<MailContactDetails | null> {
    const address = from?.address.trim().toLowerCase();
    // Only a mail address one can write back to makes a contact (not "root@localhost", not junk).
    if (!this.deps.contacts || !address || !z.email().max(200).safeParse(address).success) return null;
    const contact = await this.deps.contacts.remember(address, from?.name.trim() || null, at);
    if (!contact) return null;
    return {
      name: contact.nameFromOperator ? contact.name : null,
      phone: contact.phone,
      department: contact.department,
      officeLocation: contact.officeLocation,
    };
  }

  /**
   * The stored message a reply answers: first one of our own mails (stored as `out:<notification>`),
   * then an earlier inbound mail of the thread, else the mail it directly answers (ingest finds no
   * ticket for an id it does not know, and the mail becomes a new ticket).
   */
  private async replyTarget(candidates: string[]): Promise<string | null> {
    if (candidates.length === 0) return null;
    const ours = await this.deps.sent.ours(candidates);
    const mine = candidates.find((id) => ours.has(id));
    if (mine) return `out:${ours.get(mine)}`;
    for (const id of candidates) if (await this.deps.knownInbound(id)) return id;
    // Perhaps still in the queue ahead of this reply: ingest looks it up again when it runs.
    return candidates[0] ?? null;
  }
}
