import { and, asc, eq, inArray, not, or, sql, type SQL } from 'drizzle-orm';
import type { Person } from '../../core/desk/index.js';
import type { InboundSender } from '../../core/inbound/index.js';
import type { PersonRepository, RosterSyncSummary } from '../../core/ports/index.js';
import type { Db } from './database.js';
import { people } from './schema/index.js';
import { personToColumns, rowToPerson, samePerson } from './person.mapper.js';

const digitsOf = (phone: string): string => phone.replace(/\D/g, '');

export class DrizzlePersonRepository implements PersonRepository {
  constructor(private readonly db: Db) {}

  async list(): Promise<Person[]> {
    const rows = await this.db.select().from(people).orderBy(asc(people.id));
    return rows.map(rowToPerson);
  }

  async findById(id: string): Promise<Person | null> {
    const [row] = await this.db.select().from(people).where(eq(people.id, id)).limit(1);
    return row ? rowToPerson(row) : null;
  }

  /**
   * Active roster entries only. One query; when the sender's details point at different people,
   * the strongest identifier wins: email, then phone, WeChat id, Telegram id. Phones compare by
   * their digits, so "138-0000 0000" and "13800000000" are the same number.
   */
  async matchSender(sender: InboundSender): Promise<Person | null> {
    const tests: SQL[] = [];
    if (sender.email) tests.push(sql`lower(${people.email}) = ${sender.email.toLowerCase()}`);
    const digits = sender.phone ? digitsOf(sender.phone) : '';
    if (digits) tests.push(sql`regexp_replace(${people.phone}, '[^0-9]', '', 'g') = ${digits}`);
    if (sender.wechatId) tests.push(eq(people.wechatId, sender.wechatId));
    if (sender.telegramId) tests.push(eq(people.telegramId, sender.telegramId));
    if (tests.length === 0) return null;
    const rank = sql.join(
      tests.map((test, i) => sql`when ${test} then ${sql.raw(String(i))}`),
      sql` `,
    );
    const [row] = await this.db
      .select()
      .from(people)
      .where(and(eq(people.active, true), or(...tests)))
      .orderBy(sql`case ${rank} end`, asc(people.id))
      .limit(1);
    return row ? rowToPerson(row) : null;
  }

  async syncRoster(roster: Person[]): Promise<RosterSyncSummary> {
    const ids = roster.map((p) => p.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate !== undefined) throw new Error(`The roster names person id "${duplicate}" twice.`);
    return this.db.transaction(async (tx) => {
      const stored = new Map((await tx.select().from(people)).map((r) => [r.id, r]));
      const fresh = roster.filter((p) => !stored.has(p.id));
      const changed = roster.filter((p) => {
        const row = stored.get(p.id);
        return row !== undefined && !samePerson(rowToPerson(row), p);
      });
      if (fresh.length > 0) await tx.insert(people).values(fresh.map(personToColumns));
      for (const p of changed) {
        await tx
          .update(people)
          .set({ ...personToColumns(p), updatedAt: sql`now()` })
          .where(eq(people.id, p.id));
      }
      const gone = await tx
        .update(people)
        .set({ active: false, updatedAt: sql`now()` })
        .where(and(eq(people.active, true), ids.length > 0 ? not(inArray(people.id, ids)) : undefined))
        .returning({ id: people.id });
      return { inserted: fresh.length, updated: changed.length, deactivated: gone.length };
    });
  }
}
