import { and, eq, inArray, not, sql } from 'drizzle-orm';
import type { Person } from '../../core/desk/index.js';
import type { InboundSender } from '../../core/inbound/index.js';
import type { PersonRepository, RosterSyncSummary } from '../../core/ports/index.js';
import type { Db } from './database.js';
import { people, type PersonRow } from './schema/index.js';
import { Batcher } from './batcher.js';
import { jsonParam } from './json-param.js';
import { selectList } from './sql-columns.js';
import { batchTurnsFor, sqlRunnerFor, type SqlRunner, type Statement } from './sql-runner.js';
import { personToColumns, rowToPerson, samePerson } from './person.mapper.js';

const digitsOf = (phone: string): string => phone.replace(/\D/g, '');

const PERSON_SELECT = selectList(people);

const PEOPLE: Statement = {
  name: 'deskbot_people',
  plan: 'generic',
  text: `select ${PERSON_SELECT} from people order by id`,
};

const PERSON_BY_ID: Statement = {
  name: 'deskbot_person_by_id',
  plan: 'generic',
  text: `select ${PERSON_SELECT} from people where id = $1`,
};

/**
 * A batch of senders, each matched by a lateral subquery: one fixed text whatever the senders
 * carry. An absent identifier is null, and a comparison with null is never true; the rank orders
 * a sender's matches by the strongest identifier. The OR defeats the indexes, but the roster is a
 * few hundred rows at most. Param: JSON array of {email (lowercased), phone (digits), wechat_id,
 * telegram_id}.
 */
const MATCH_SENDERS: Statement = {
  name: 'deskbot_people_match_senders',
  plan: 'generic',
  text: `select s.ordinality::int as "senderIndex", p.*
    from rows from (jsonb_to_recordset($1::jsonb) as (
      email text, phone text, wechat_id text, telegram_id text)) with ordinality as s
    cross join lateral (
      select ${PERSON_SELECT} from people
      where people.active and (lower(people.email) = s.email
        or regexp_replace(people.phone, '[^0-9]', '', 'g') = s.phone
        or people.wechat_id = s.wechat_id or people.telegram_id = s.telegram_id)
      order by case
        when lower(people.email) = s.email then 0
        when regexp_replace(people.phone, '[^0-9]', '', 'g') = s.phone then 1
        when people.wechat_id = s.wechat_id then 2
        else 3
      end, people.id
      limit 1
    ) p`,
};

interface SenderKeys {
  email: string | null;
  phone: string | null;
  wechat_id: string | null;
  telegram_id: string | null;
}

export class DrizzlePersonRepository implements PersonRepository {
  private readonly run: SqlRunner;
  /** Concurrent matches share one statement (see Batcher); one batch in flight at a time. */
  private readonly matches: Batcher<SenderKeys, Person | null>;

  constructor(private readonly db: Db) {
    this.run = sqlRunnerFor(db);
    this.matches = new Batcher((senders) => this.matchSenders(senders), { turns: batchTurnsFor(db) });
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
    const keys: SenderKeys = {
      email: sender.email ? sender.email.toLowerCase() : null,
      phone: (sender.phone && digitsOf(sender.phone)) || null,
      wechat_id: sender.wechatId || null,
      telegram_id: sender.telegramId || null,
    };
    if (Object.values(keys).every((k) => k === null)) return null;
    return this.matches.submit(keys);
  }

  private async matchSenders(senders: SenderKeys[]): Promise<Array<Person | null>> {
    const rows = await this.run<PersonRow & { senderIndex: number }>(MATCH_SENDERS, [jsonParam(senders)]);
    const bySender = new Map(rows.map((row) => [row.senderIndex, row]));
    return senders.map((_, i) => {
      const row = bySender.get(i + 1);
      return row ? rowToPerson(row) : null;
    });
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
