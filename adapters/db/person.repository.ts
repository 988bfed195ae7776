import { and, eq, inArray, not, sql } from 'drizzle-orm';
import type { Person } from '../../core/desk/index.js';
import type { InboundSender } from '../../core/inbound/index.js';
import type { PersonRepository, RosterSyncSummary } from '../../core/ports/index.js';
import type { Db } from './database.js';
import { people, type PersonRow } from './schema/index.js';
import { selectList } from './sql-columns.js';
import { sqlRunnerFor, type SqlRunner, type Statement } from './sql-runner.js';
import { personToColumns, rowToPerson, samePerson } from './person.mapper.js';

const digitsOf = (phone: string): string => phone.replace(/\D/g, '');

const PERSON_SELECT = selectList(people);

const PEOPLE: Statement = {
  name: 'deskbot_people',
  text: `select ${PERSON_SELECT} from people order by id`,
};

const PERSON_BY_ID: Statement = {
  name: 'deskbot_person_by_id',
  text: `select ${PERSON_SELECT} from people where id = $1`,
};

/**
 * One fixed text whatever the sender carries: an absent identifier is a null parameter, and a
 * comparison with null is never true. The rank orders matches by the strongest identifier.
 * The OR defeats the indexes, but the roster is a few hundred rows at most.
 * Params: lowercased email, phone digits, WeChat id, Telegram id.
 */
const MATCH_SENDER: Statement = {
  name: 'deskbot_person_match_sender',
  text: `select ${PERSON_SELECT} from people
    where active and (lower(email) = $1::text or regexp_replace(phone, '[^0-9]', '', 'g') = $2::text
      or wechat_id = $3::text or telegram_id = $4::text)
    order by case
      when lower(email) = $1::text then 0
      when regexp_replace(phone, '[^0-9]', '', 'g') = $2::text then 1
      when wechat_id = $3::text then 2
      else 3
    end, id
    limit 1`,
};

export class DrizzlePersonRepository implements PersonRepository {
  private readonly run: SqlRunner;

  constructor(private readonly db: Db) {
    this.run = sqlRunnerFor(db);
  }

  async list(): Promise<Person[]> {
    return (await this.run<PersonRow>(PEOPLE, [])).map(rowToPerson);
  }

  async findById(id: string): Promise<Person | null> {
    const [row] = await this.run<PersonRow>(PERSON_BY_ID, [id]);
    return row ? rowToPerson(row) : null;
  }

  /**
   * Active roster entries only. When the sender's details point at different people, the
   * strongest identifier wins: email, then phone, WeChat id, Telegram id. Phones compare by
   * their digits, so "138-0000 0000" and "13800000000" are the same number.
   */
  async matchSender(sender: InboundSender): Promise<Person | null> {
    const params = [
      sender.email ? sender.email.toLowerCase() : null,
      (sender.phone && digitsOf(sender.phone)) || null,
      sender.wechatId || null,
      sender.telegramId || null,
    ];
    if (params.every((p) => p === null)) return null;
    const [row] = await this.run<PersonRow>(MATCH_SENDER, params);
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
