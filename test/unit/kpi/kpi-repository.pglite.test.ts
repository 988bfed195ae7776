import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../adapters/db/index.js';
import { DrizzleKpiRepository } from '../../../adapters/db/kpi.repository.js';
import { people } from '../../../adapters/db/schema/index.js';
import {
  countCalls,
  countTickets,
  countWorkload,
  inPeriod,
  type KpiGrouping,
  type TicketFact,
} from '../../../core/kpi/index.js';
import type { KpiQuery } from '../../../core/ports/index.js';
import { call } from './kpi-facts.fixture.js';
import { ensureCallsTable, generateTickets, insertCalls, insertTickets } from './kpi-seed.js';

const FROM = new Date('2026-03-01T00:00:00Z');
const seeded = generateTickets(1500, new Date('2026-02-20T00:00:00Z'), 50);
const period = { from: FROM, to: new Date('2026-03-31T00:00:00Z') };
const asOf = new Date('2026-04-09T12:00:00Z');
// Without a zone storage sums the tickets; with one it reads whole local days from the roll-up.
const MODES = [
  ['tickets', undefined],
  ['the daily roll-up', 'Asia/Shanghai'],
] as const;
let timeZone: string | undefined;
const query = (by: KpiGrouping | null): KpiQuery => ({ period, by, responseMinutes: 10, asOf, timeZone });
const inside = seeded.map((s) => s.fact).filter((f) => inPeriod(f.reportedAt, period));

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

describe.each(MODES)('KPI sums in SQL (%s) equal the core definitions', (_mode, zone) => {
  beforeAll(() => {
    timeZone = zone;
  });

  it('over the period, in total', async () => {
    expect(inside.length).toBeGreaterThan(500);
    const sums = await repo.ticketCounts(query(null));
    expect(sums.total).toEqual(countTickets(inside, 10, asOf));
    expect(sums.groups).toEqual([]);
  });

  it.each(['department', 'category', 'engineer'] as const)('grouped by %s', async (by) => {
    const sums = await repo.ticketCounts(query(by));
    expect(sums.total).toEqual(countTickets(inside, 10, asOf));
    const keys = [...new Set(inside.map(keyOf[by]))];
    expect(sums.groups.map((g) => g.key).sort()).toEqual(keys.sort());
    for (const g of sums.groups)
      expect(g.counts, String(g.key)).toEqual(
        countTickets(
          inside.filter((f) => keyOf[by](f) === g.key),
          10,
          asOf,
        ),
      );
  });

  it('per-engineer workload', async () => {
    const sql = await repo.workload(query(null));
    const reference = countWorkload(inside, 10, asOf);
    expect(sql.map((w) => w.engineerId)).toEqual(reference.map((w) => w.engineerId));
    sql.forEach((w, i) => {
      const r = reference[i]!;
      expect({ ...w, onSiteMinutes: 0, responseMinutesSum: 0 }).toEqual({
        ...r,
        onSiteMinutes: 0,
        responseMinutesSum: 0,
      });
      expect(w.onSiteMinutes).toBeCloseTo(r.onSiteMinutes, 6);
      expect(w.responseMinutesSum).toBeCloseTo(r.responseMinutesSum, 6);
    });
  });

  it('an empty period sums to zero', async () => {
    const empty = {
      ...query('category'),
      period: { from: new Date('2020-01-01'), to: new Date('2020-02-01') },
    };
    expect((await repo.ticketCounts(empty)).total.tickets).toBe(0);
    expect(await repo.workload(empty)).toEqual([]);
  });
});

describe('call answer rate from the calls table', () => {
  it('is absent until a calls table exists, then counts desk calls by the caller department', async () => {
    const fresh = new DrizzleKpiRepository(database.db);
    const exists = await database.db.execute("select to_regclass('calls') is not null as present");
    const present = (exists as unknown as { rows: Array<{ present: boolean }> }).rows[0]?.present;
    if (!present) expect(await fresh.callCounts(query(null))).toBeNull();

    await ensureCallsTable(database.db);
    await database.db
      .insert(people)
      .values({ id: 'rep-1', name: '张老师', role: 'reporter', department: '财务处', phone: '13800138000' });
    const t = new Date('2026-03-05T02:00:00Z');
    const calls = [
      { ...call({ startedAt: t }), caller: '13800138000' },
      { ...call({ startedAt: t, answered: false, disposition: 'NO ANSWER' }), caller: '13800138000' },
      { ...call({ startedAt: t }), caller: '13900000000' },
      { ...call({ startedAt: t, answered: false, disposition: 'BUSY' }), caller: '13900000000' },
      { ...call({ startedAt: t }), caller: '13900000001' },
      { ...call({ startedAt: t, isDeskCall: false, answered: false }), caller: '13900000001' },
      { ...call({ startedAt: new Date('2026-05-01T00:00:00Z') }), caller: '13900000001' },
    ];
    await insertCalls(database.db, calls);
    const inPeriodCalls = calls.filter((c) => inPeriod(c.startedAt, period));
    const total = await fresh.callCounts(query(null));
    expect(total?.total).toEqual(countCalls(inPeriodCalls));
    expect(total?.total).toEqual({ calls: 5, answered: 3 });
    const byDepartment = await fresh.callCounts(query('department'));
    expect(byDepartment?.groups).toEqual([
      { key: '财务处', counts: { calls: 2, answered: 1 } },
      { key: null, counts: { calls: 3, answered: 2 } },
    ]);
  });
});
