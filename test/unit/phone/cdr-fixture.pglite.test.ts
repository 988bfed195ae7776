import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../adapters/db/index.js';
import { DrizzleCallRepository } from '../../../adapters/db/call.repository.js';
import { DrizzleKpiRepository } from '../../../adapters/db/kpi.repository.js';
import { calls } from '../../../adapters/db/schema/index.js';
import { importCallFile } from '../../../adapters/phone/index.js';

const FIXTURE = '/work/shared/fixtures/cdr/asterisk-master.csv';
const options = { format: 'asterisk' as const, timeZone: 'Europe/Moscow', hotlines: ['211553', '211474'] };

/*
 * Hand count of asterisk-master.csv (84 rows, 21 columns; linkedid is column 20). Grouping the rows
 * by linkedid gives 36 calls. Rows are legs of a ring group (SIP/301 and SIP/stadionpbx ring
 * together), so a call is answered when one of its legs is ANSWERED with billable seconds:
 *  - not answered (6): 1706369600.6 (two Dial legs NO ANSWER, then the PBX's own Hangup leg
 *    "ANSWERED" with billsec 0), 1706372196.12 (7 legs, all NO ANSWER), 1706401101.30 (7 legs,
 *    all NO ANSWER), mainserverdss-1706430495.50 and -1706430532.55 (both legs NO ANSWER), and
 *    mainserverdss-1706443058.100 (one BUSY leg);
 *  - answered (30): the other 30 linked ids, e.g. 1706368044.0 (Hangup after 27 billable s) and
 *    every mainserverdss pair where SIP/301 or SIP/stadionpbx answered.
 * So 5 NO ANSWER + 1 BUSY + 30 ANSWERED; answer rate 30 / 36 = 83.3 %. (Counting rows instead
 * would give 37 / 84 = 44 %, a figure every ring group drags down.)
 * Every call dialled 211553 or 211474, both hotlines here, so all 36 are desk calls.
 */
const CALLS = 36;
const ANSWERED = 30;

let database: Database;
let repo: DrizzleCallRepository;

beforeAll(async () => {
  database = await openDatabase({ dataDir: tmpdir(), inMemory: true });
  await database.migrate();
  repo = new DrizzleCallRepository(database.db);
}, 120_000);
afterAll(() => database.close());

describe('importing the real Asterisk Master.csv', () => {
  it('stores one call per linked id with the hand-counted outcomes', async () => {
    const summary = await importCallFile(FIXTURE, repo, { ...options, batchSize: 7 });
    expect(summary.rows).toBe(84);
    expect(summary.rejected).toBe(0);
    expect(summary.inserted + summary.merged).toBeGreaterThanOrEqual(CALLS);
    expect(summary.inserted).toBe(CALLS);

    const rows = await database.db.select().from(calls);
    expect(rows).toHaveLength(CALLS);
    const count = (d: string) => rows.filter((r) => r.disposition === d).length;
    expect(count('ANSWERED')).toBe(ANSWERED);
    expect(count('NO ANSWER')).toBe(5);
    expect(count('BUSY')).toBe(1);
    expect(rows.every((r) => r.isDeskCall)).toBe(true);
    expect(rows.filter((r) => r.answeredAt !== null)).toHaveLength(ANSWERED);

    const busy = rows.find((r) => r.sourceId === 'mainserverdss-1706443058.100');
    expect(busy).toMatchObject({ caller: '89021675872', callee: '211553', billsecS: 0 });
    // 2024-01-28 11:57:38 Moscow time (UTC+3) is 08:57:38 UTC.
    expect(busy?.startedAt.toISOString()).toBe('2024-01-28T08:57:38.000Z');
    // The ring group's Local/ch1 legs name extension ch1; the call keeps the dialled hotline.
    const ringGroup = rows.find((r) => r.sourceId === '1706372196.12');
    expect(ringGroup).toMatchObject({ callee: '211553', disposition: 'NO ANSWER', answeredAt: null });
  });

  it('reads the answer rate the KPI reports from the stored calls', async () => {
    const kpi = new DrizzleKpiRepository(database.db);
    const counts = await kpi.callCounts({
      period: { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2024-02-01T00:00:00Z') },
      by: null,
      responseMinutes: 10,
      asOf: new Date('2024-02-01T00:00:00Z'),
    });
    expect(counts?.total).toEqual({ calls: CALLS, answered: ANSWERED });
  });

  it('imports nothing the second time: every row is a duplicate', async () => {
    const before = (await database.db.select().from(calls)).length;
    const summary = await importCallFile(FIXTURE, repo, options);
    expect(summary).toMatchObject({ rows: 84, inserted: 0, merged: 0, duplicates: 84, rejected: 0 });
    expect((await database.db.select().from(calls)).length).toBe(before);
  });
});

describe('a file with bad rows', () => {
  it('imports the good rows and rejects each bad one with its line and reason', async () => {
    const good = (id: string) =>
      `"","2001","88886666","pstn","""A"" <2001>","SIP/1-${id}","SIP/801-1","Dial","","2026-03-02 09:00:00","2026-03-02 09:00:05","2026-03-02 09:01:00",60,55,"ANSWERED","DOCUMENTATION","${id}",""`;
    const lines = [
      good('bad-file-1'),
      '"only","three","columns"',
      good('bad-file-2').replace('"ANSWERED"', '"RINGING"'),
      '',
      good('bad-file-3'),
      good('bad-file-4').replace('2026-03-02 09:00:00', '02/03/2026'),
    ];
    const file = join(mkdtempSync(join(tmpdir(), 'cdr-')), 'Master.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const summary = await importCallFile(file, repo, options);
    expect(summary).toMatchObject({ rows: 5, inserted: 2, rejected: 3 });
    expect(summary.rejections).toEqual([
      { line: 2, reason: expect.stringContaining('3 columns') },
      { line: 3, reason: 'unknown disposition "RINGING"' },
      { line: 6, reason: 'start time "02/03/2026" is not a date and time' },
    ]);
    expect(await repo.findBySourceId('bad-file-3')).toMatchObject({ disposition: 'ANSWERED', billsecS: 55 });
  });
});
