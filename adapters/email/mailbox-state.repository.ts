import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { emailMailboxes, type EmailMailboxRow } from '../db/schema/email.table.js';

export interface MailboxPosition {
  uidValidity: number | null;
  lastUid: number;
}

export type MailboxHealthPatch = Partial<
  Pick<EmailMailboxRow, 'connected' | 'lastFetchAt' | 'lastError' | 'lastErrorAt'>
>;

/** Where each mailbox stands (UIDVALIDITY, last processed UID) and how it is doing, in the database. */
export class MailboxStateRepository {
  constructor(private readonly db: Db) {}

  async position(key: string): Promise<MailboxPosition> {
    const [row] = await this.db.select().from(emailMailboxes).where(eq(emailMailboxes.key, key));
    return { uidValidity: row?.uidValidity ?? null, lastUid: row?.lastUid ?? 0 };
  }

  /**
   * A mailbox seen for the first time, or whose UIDVALIDITY changed: its UIDs start over. Nothing
   * is lost (every mail is read again) and nothing doubles (intake is idempotent on Message-ID).
   */
  async restart(key: string, uidValidity: number): Promise<void> {
    await this.db
      .insert(emailMailboxes)
      .values({ key, uidValidity, lastUid: 0 })
      .onConflictDoUpdate({
        target: emailMailboxes.key,
        set: { uidValidity, lastUid: 0, updatedAt: sql`now()` },
      });
  }

  /** Records mails as done; only under the UIDVALIDITY it was read with, and never backwards. */
  async advance(
    key: string,
    uidValidity: number,
    uid: number,
    counts: { processed: number; filtered: number },
  ): Promise<void> {
    await this.db
      .update(emailMailboxes)
      .set({
        lastUid: sql`greatest(${emailMailboxes.lastUid}, ${uid})`,
        processed: sql`${emailMailboxes.processed} + ${counts.processed}`,
        filtered: sql`${emailMailboxes.filtered} + ${counts.filtered}`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(emailMailboxes.key, key), eq(emailMailboxes.uidValidity, uidValidity)));
  }

  async reportHealth(key: string, patch: MailboxHealthPatch): Promise<void> {
    await this.db
      .insert(emailMailboxes)
      .values({ key, ...patch })
      .onConflictDoUpdate({ target: emailMailboxes.key, set: { ...patch, updatedAt: sql`now()` } });
  }

  async list(): Promise<EmailMailboxRow[]> {
    return this.db.select().from(emailMailboxes).orderBy(emailMailboxes.key);
  }
}
