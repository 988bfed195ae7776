import { desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { emailContacts, type EmailContactRow } from '../db/schema/email.table.js';
import { sqlRunnerFor, type SqlRunner } from '../db/sql-runner.js';

export type EmailContact = EmailContactRow;

/** What an operator may set on a contact; null clears a field. */
export interface EmailContactPatch {
  name?: string;
  phone?: string | null;
  department?: string | null;
  officeLocation?: string | null;
  language?: 'zh' | 'en' | null;
  note?: string | null;
}

/**
 * Remembers one mail from `address` in a single statement: a first mail creates the contact, a
 * later one counts it and refreshes the display name (unless an operator named the contact). A roster address (active person) is not a
 * contact: nothing is written and no row comes back.
 */
const REMEMBER = {
  name: 'email_contact_remember',
  text: `
    insert into email_contacts as c (address, name, mails, first_seen_at, last_seen_at)
    select $1, $2, 1, $3, $3
    where not exists (select 1 from people p where lower(p.email) = $1 and p.active)
    on conflict (address) do update set
      name = case when $4::boolean and not c.name_from_operator then excluded.name else c.name end,
      mails = c.mails + 1,
      last_seen_at = greatest(c.last_seen_at, excluded.last_seen_at)
    returning c.*`,
} as const;

const COLUMNS = {
  address: 'address',
  name: 'name',
  phone: 'phone',
  department: 'department',
  office_location: 'officeLocation',
  language: 'language',
  note: 'note',
  name_from_operator: 'nameFromOperator',
  mails: 'mails',
  first_seen_at: 'firstSeenAt',
  last_seen_at: 'lastSeenAt',
} as const satisfies Record<string, keyof EmailContactRow>;

type RawRow = { [K in keyof typeof COLUMNS]: EmailContactRow[(typeof COLUMNS)[K]] };

const fromRaw = (r: RawRow): EmailContact =>
  Object.fromEntries(
    Object.entries(COLUMNS).map(([column, field]) => [field, r[column as keyof RawRow]]),
  ) as EmailContact;

/** Mail senders who are not on the roster: filled in from what the desk learnt, listed for operators. */
export class EmailContactRepository {
  private readonly run: SqlRunner;

  constructor(private readonly db: Db) {
    this.run = sqlRunnerFor(db);
  }

  /**
   * One mail from a sender: the contact as stored afterwards, or null when the address is a roster
   * person's. `name` is the mail's display name; null (no display name) keeps the stored one.
   */
  async remember(address: string, name: string | null, at: Date): Promise<EmailContact | null> {
    const key = address.trim().toLowerCase();
    const [row] = await this.run<RawRow>(REMEMBER, [key, name ?? key, at, name !== null]);
    return row ? fromRaw(row) : null;
  }

  async find(address: string): Promise<EmailContact | null> {
    const [row] = await this.db
      .select()
      .from(emailContacts)
      .where(eq(emailContacts.address, address.trim().toLowerCase()));
    return row ?? null;
  }

  /** Most recently heard from first; `search` matches address, name, department or note. */
  async list(options: { search?: string; limit: number }): Promise<EmailContact[]> {
    const pattern = options.search ? `%${escapeLike(options.search.trim())}%` : null;
    const where: SQL | undefined = pattern
      ? or(
          ilike(emailContacts.address, pattern),
          ilike(emailContacts.name, pattern),
          ilike(emailContacts.department, pattern),
          ilike(emailContacts.note, pattern),
        )
      : undefined;
    return this.db
      .select()
      .from(emailContacts)
      .where(where)
      .orderBy(desc(emailContacts.lastSeenAt), emailContacts.address)
      .limit(options.limit);
  }

  /**
   * Creates or changes a contact as an operator says (before its first mail, too: to mark it
   * English, say). Null clears a field. A name set here outlives later mails' display names.
   */
  async save(address: string, patch: EmailContactPatch, at: Date): Promise<EmailContact> {
    const key = address.trim().toLowerCase();
    const set: Partial<EmailContactRow> = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    );
    if (patch.name !== undefined) set.nameFromOperator = true;
    const [row] = await this.db
      .insert(emailContacts)
      .values({ address: key, name: patch.name ?? key, firstSeenAt: at, lastSeenAt: at, ...set })
      .onConflictDoUpdate({
        target: emailContacts.address,
        set: Object.keys(set).length > 0 ? set : { address: key },
      })
      .returning();
    if (!row) throw new Error(`contact ${key} was not saved`);
    return row;
  }

  /** The language of mail to this address when an operator marked the contact; null otherwise. */
  async languageOf(address: string): Promise<'zh' | 'en' | null> {
    const [row] = await this.db
      .select({ language: emailContacts.language })
      .from(emailContacts)
      .where(eq(emailContacts.address, address.trim().toLowerCase()));
    return row?.language ?? null;
  }
}

/** `%` and `_` in what the operator typed are matched literally. */
const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
