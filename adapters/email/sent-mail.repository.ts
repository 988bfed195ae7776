import { and, asc, count, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { emailSentMessages } from '../db/schema/email.table.js';

export interface SentMail {
  messageId: string;
  notificationId: string;
  ticketId: string | null;
  purpose: string;
  recipient: string;
  sentAt: Date;
}

/** The mails deskbot sent: replies thread through them; acknowledgements are rate-limited by them. */
export class SentMailRepository {
  constructor(private readonly db: Db) {}

  async record(mail: SentMail): Promise<void> {
    await this.db.insert(emailSentMessages).values(mail).onConflictDoNothing();
  }

  /** Of these Message-IDs, the ones we sent, with the notification each carried. */
  async ours(messageIds: string[]): Promise<Map<string, string>> {
    if (messageIds.length === 0) return new Map();
    const rows = await this.db
      .select({ messageId: emailSentMessages.messageId, notificationId: emailSentMessages.notificationId })
      .from(emailSentMessages)
      .where(inArray(emailSentMessages.messageId, messageIds));
    return new Map(rows.map((r) => [r.messageId, r.notificationId]));
  }

  async countSince(recipient: string, purpose: string, since: Date): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(emailSentMessages)
      .where(
        and(
          eq(emailSentMessages.recipient, recipient),
          eq(emailSentMessages.purpose, purpose),
          gte(emailSentMessages.sentAt, since),
        ),
      );
    return row?.n ?? 0;
  }

  /** Our earlier mails to this person about this ticket, oldest first: the thread a new one continues. */
  async thread(ticketId: string, recipient: string): Promise<string[]> {
    const rows = await this.db
      .select({ messageId: emailSentMessages.messageId })
      .from(emailSentMessages)
      .where(and(eq(emailSentMessages.ticketId, ticketId), eq(emailSentMessages.recipient, recipient)))
      .orderBy(asc(emailSentMessages.sentAt))
      .limit(20);
    return rows.map((r) => r.messageId);
  }
}
