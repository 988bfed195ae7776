import { tmpdir } from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../adapters/db/index.js';
import { DrizzleKpiRepository } from '../../../adapters/db/kpi.repository.js';
import { kpiDaily, kpiRollupState, ticketEvents, tickets } from '../../../adapters/db/schema/index.js';
import {
  countTickets,
  countWorkload,
  inPeriod,
  type KpiGrouping,
  type TicketFact,
} from '../../../core/kpi/index.js';
import type { KpiQuery } from '../../../core/ports/index.js';
import { generateTickets, insertTickets, type SeededTicket } from './kpi-seed.js';

const ZONE = 'Asia/Shanghai';
const seeded = generateTickets(700, new Date('2026-03-01T00:00:00Z'), 24, 11);
const facts = new Map(seeded.map((s) => [s.id, s.fact]));
// 12:00 local on 15 March: the days before the 15th (local) are sealed into the roll-up.
const asOf = new Date('2026-03-15T04:00:00Z');
const period = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-25T00:00:00Z') };

let database: Database;
let repo: DrizzleKpiRepository;

beforeAll(async () => {
  database = await openDatabase({ dataDir: tmpdir(), inMemory: true });
  await database.migrate();
  await insertTickets(database.db, seeded);
  repo = new DrizzleKpiRepository(database.db);
}, 120_000);
afterAll(() => database.close());

const keyOf: Record<KpiGrouping, (f: TicketFact) => string | null> = {
  department: (f) => f.department,
  category: (f) => f.category,
  engineer: (f) => f.assigneeId,
};

/** Every grouping and the workload from storage equal the core definitions over the facts as they now are. */
async function expectRollupEqualsDefinitions(timeZone = ZONE, responseMinutes = 10): Promise<void> {
  const inside = [...facts.values()].filter((f) => inPeriod(f.reportedAt, period));
  const q = (by: KpiGrouping | null): KpiQuery => ({ period, by, responseMinutes, asOf, timeZone });
  expect((await repo.ticketCounts(q(null))).total).toEqual(countTickets(inside, responseMinutes, asOf));
  for (const by of ['department', 'category', 'engineer'] as const) {
    const sums = await repo.ticketCounts(q(by));
    expect(sums.total, by).toEqual(countTickets(inside, responseMinutes, asOf));
    expect(sums.groups.map((g) => g.key).sort(), by).toEqual([...new Set(inside.map(keyOf[by]))].sort());
    for (const g of sums.groups)
      expect(g.counts, `${by} ${String(g.key)}`).toEqual(
        countTickets(
          inside.filter((f) => keyOf[by](f) === g.key),
          responseMinutes,
          asOf,
        ),
      );
  }
  const workload = await repo.workload(q(null));
  const reference = countWorkload(inside, responseMinutes, asOf);
  expect(workload.map((w) => ({ ...w, onSiteMinutes: 0, responseMinutesSum: 0 }))).toEqual(
    reference.map((w) => ({ ...w, onSiteMinutes: 0, responseMinutesSum: 0 })),
  );
  workload.forEach((w, i) => {
    expect(w.onSiteMinutes).toBeCloseTo(reference[i]!.onSiteMinutes, 6);
    expect(w.responseMinutesSum).toBeCloseTo(reference[i]!.responseMinutesSum, 6);
  });
}

const localDay = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
/** A seeded ticket reported on a sealed local day that satisfies `test`. */
function sealedTicket(test: (f: TicketFact) => boolean, skip: Set<string>): SeededTicket {
  const found = seeded.find(
    (s) => !skip.has(s.id) && localDay(s.fact.reportedAt) < '2026-03-15' && test(facts.get(s.id)!),
  );
  if (!found) throw new Error('the seed has no such ticket');
  skip.add(found.id);
  return found;
}

async function change(id: string, patch: Partial<TicketFact>, row: Partial<typeof tickets.$inferInsert>) {
  await database.db.update(tickets).set(row).where(eq(tickets.id, id));
  facts.set(id, { ...facts.get(id)!, ...patch });
}

describe('the KPI daily roll-up', () => {
  it('seals the local days before the as-of day and answers them from a few rows', async () => {
    await expectRollupEqualsDefinitions();
    const [summary] = await database.db
      .select({ n: sql<number>`count(*)::int`, last: sql<string>`max(${kpiDaily.day})::text` })
      .from(kpiDaily);
    expect(summary?.last).toBe('2026-03-14');
    // 14 days × (4 departments + 4 categories + 4 engineers) at most, for 400-odd tickets.
    expect(summary?.n).toBeLessThanOrEqual(14 * 12);
    // The Drizzle declarations read the same tables the migration made.
    expect(await database.db.select().from(kpiRollupState)).toEqual([
      { id: 1, timeZone: ZONE, responseMinutes: 10, sealedThrough: '2026-03-15' },
    ]);
    const [first] = await database.db.select().from(kpiDaily).where(eq(kpiDaily.day, '2026-03-02')).limit(1);
    expect(first?.dimension).toMatch(/^(department|category|engineer)$/);
    expect(Number(first?.onSiteMinutes)).toBeGreaterThanOrEqual(0);
  });

  it('stays equal when sealed days change later: late ratings, re-dispatch, complaints, back-dated tickets', async () => {
    const used = new Set<string>();
    const rated = sealedTicket((f) => f.resolvedAt !== null && f.rating === null, used);
    await change(rated.id, { rating: 5 }, { rating: 5 });
    const redispatched = sealedTicket((f) => f.assigneeId === 'eng-a' && f.dispatchCount === 1, used);
    await change(
      redispatched.id,
      { assigneeId: 'eng-b', dispatchCount: 2 },
      { assigneeId: 'eng-b', dispatchCount: 2 },
    );
    const acknowledged = sealedTicket((f) => f.dispatchedAt !== null && f.acknowledgedAt === null, used);
    const ackAt = new Date(acknowledged.fact.dispatchedAt!.getTime() + 4 * 60_000);
    await change(acknowledged.id, { acknowledgedAt: ackAt }, { acknowledgedAt: ackAt });
    const moved = sealedTicket((f) => f.department === '财务处', used);
    await change(
      moved.id,
      { department: '图书馆', category: '网络' },
      {
        reporterDepartment: '图书馆',
        category: '网络',
      },
    );
    // Two steps of one complaint about an assigned ticket: it counts once.
    const complained = sealedTicket((f) => f.assigneeId !== null && !f.complained, used);
    for (const step of ['submit', 'verify'])
      await database.db.insert(ticketEvents).values({
        ticketId: complained.id,
        type: 'complaint',
        at: asOf,
        actorKind: 'reporter',
        actorName: 'r',
        channel: 'web',
        data: { step },
      });
    facts.set(complained.id, { ...facts.get(complained.id)!, complained: true });
    // A ticket typed in afterwards for the 3rd, and one dispatched minutes before the as-of instant
    // (reported on a sealed day, so its response is not yet due and must not count as missed).
    const late = generateTickets(2, new Date('2026-03-03T01:00:00Z'), 1, 99);
    late[1]!.fact = {
      ...late[1]!.fact,
      dispatchCount: 1,
      assigneeId: 'eng-c',
      dispatchedAt: new Date(asOf.getTime() - 5 * 60_000),
      acknowledgedAt: null,
      arrivedAt: null,
      departedAt: null,
    };
    await insertTickets(database.db, late, 5000);
    for (const s of late) facts.set(s.id, s.fact);

    await expectRollupEqualsDefinitions();
  });

  it('is rebuilt for another zone or response time, and still equals the definitions', async () => {
    await expectRollupEqualsDefinitions('UTC', 10);
    await expectRollupEqualsDefinitions('UTC', 3);
    await expectRollupEqualsDefinitions(ZONE, 10);
  });

  it('is what the sealed days are read from', async () => {
    const q: KpiQuery = { period, by: null, responseMinutes: 10, asOf, timeZone: ZONE };
    const before = (await repo.ticketCounts(q)).total.tickets;
    await database.db.execute(sql`update kpi_daily set tickets = tickets + 1 where day = '2026-03-05'
      and dimension = 'category' and key is not distinct from (select key from kpi_daily
        where day = '2026-03-05' and dimension = 'category' limit 1)`);
    expect((await repo.ticketCounts(q)).total.tickets).toBe(before + 1);
    expect((await repo.ticketCounts({ ...q, timeZone: undefined })).total.tickets).toBe(before);
  });

  it('refuses an unknown zone with a clear error', async () => {
    await expect(repo.sealRollup('Mars/Olympus', 10, asOf)).rejects.toThrow(/time zone/);
  });
});
