import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleCallRepository } from '../../../adapters/db/call.repository.js';
import { openDatabase, type Database } from '../../../adapters/db/index.js';
import { importCallFile, type CallImportOptions } from '../../../adapters/phone/index.js';
import type { CallRecord } from '../../../core/phone/index.js';
import type { CallUpsertOutcome } from '../../../core/ports/index.js';

const options = { format: 'asterisk' as const, timeZone: 'Asia/Shanghai', hotlines: ['88886666'] };
const dir = mkdtempSync(join(tmpdir(), 'call-import-'));

let database: Database;
let repo: DrizzleCallRepository;

beforeAll(async () => {
  database = await openDatabase({ dataDir: tmpdir(), inMemory: true });
  await database.migrate();
  repo = new DrizzleCallRepository(database.db);
}, 120_000);
afterAll(() => database.close());

/** One 21-column cdr_csv row; `linked` groups the legs of a call. */
function leg(
  linked: string,
  leg: number,
  o: { dst?: string; start: string; answer?: string; end: string; billsec: number; disposition: string },
): string {
  const duration = o.billsec + 5;
  return (
    `"","13900000001","${o.dst ?? '88886666'}","from-pstn","""Li"" <13900000001>","SIP/trunk-1",` +
    `"SIP/80${leg}-1","Dial","SIP/801&SIP/802,30","${o.start}",${o.answer ? `"${o.answer}"` : ''},` +
    `"${o.end}",${duration},${o.billsec},"${o.disposition}","DOCUMENTATION","${linked}.${leg}","","",` +
    `"${linked}",${leg}`
  );
}

/**
 * Five calls of two or three legs, the legs of each spread apart so that small batches cut
 * through every call: the desk phone rings, the overflow (an extension) answers or not.
 */
function spreadLegs(prefix: string): string[] {
  const calls = [1, 2, 3, 4, 5].map((n) => {
    const id = `${prefix}-${n}`;
    const start = `2026-03-02 09:0${n}:00`;
    return [
      leg(id, 1, { start, end: `2026-03-02 09:0${n}:30`, billsec: 0, disposition: 'NO ANSWER' }),
      leg(id, 2, {
        dst: '802',
        start: `2026-03-02 09:0${n}:02`,
        answer: n % 2 ? `2026-03-02 09:0${n}:10` : undefined,
        end: `2026-03-02 09:0${n}:50`,
        billsec: n % 2 ? 40 : 0,
        disposition: n % 2 ? 'ANSWERED' : 'BUSY',
      }),
      ...(n === 5
        ? [leg(id, 3, { start, end: `2026-03-02 09:0${n}:59`, billsec: 0, disposition: 'FAILED' })]
        : []),
    ];
  });
  // Row order: every call's first leg, then every second leg, then the third.
  return [0, 1, 2].flatMap((i) => calls.map((c) => c[i]).filter((r): r is string => r !== undefined));
}

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function stored(prefix: string): Promise<Array<Omit<CallRecord, 'sourceId'> & { n: string }>> {
  const rows = [];
  for (const n of [1, 2, 3, 4, 5]) {
    const call = await repo.findBySourceId(`${prefix}-${n}`);
    if (!call) continue;
    const { sourceId: _s, id: _i, ticketId: _t, callbackPersonId: _c, ...record } = call;
    rows.push({ n: String(n), ...record });
  }
  return rows;
}

describe('importing in batches', () => {
  it('merges legs that fall into different batches into one call, as if read in one batch', async () => {
    const one = await importCallFile(file('one.csv', spreadLegs('one')), repo, {
      ...options,
      batchSize: 1000,
    });
    const many = await importCallFile(file('many.csv', spreadLegs('many')), repo, {
      ...options,
      batchSize: 1,
    });
    expect(one).toMatchObject({ rows: 11, inserted: 5, merged: 0, duplicates: 6, rejected: 0 });
    // Batches of one call: each leg after the first reaches a stored call and completes it.
    expect(many).toMatchObject({ rows: 11, inserted: 5, rejected: 0 });
    expect(many.merged + many.duplicates).toBe(6);
    expect(many.merged).toBeGreaterThan(0);

    const merged = await stored('one');
    expect(merged).toHaveLength(5);
    expect(await stored('many')).toEqual(merged);
    expect(merged[0]).toMatchObject({
      callee: '88886666',
      isDeskCall: true,
      disposition: 'ANSWERED',
      billsecS: 40,
      durationS: 45,
    });
    // 09:01:00 … 09:01:50 Shanghai time (UTC+8); answered on the overflow at 09:01:10.
    expect(merged[0]?.startedAt.toISOString()).toBe('2026-03-02T01:01:00.000Z');
    expect(merged[0]?.answeredAt?.toISOString()).toBe('2026-03-02T01:01:10.000Z');
    expect(merged[0]?.endedAt.toISOString()).toBe('2026-03-02T01:01:50.000Z');
    expect(merged[1]).toMatchObject({ disposition: 'BUSY', answeredAt: null, billsecS: 0 });
    expect(merged[4]?.endedAt.toISOString()).toBe('2026-03-02T01:05:59.000Z');
  });

  it('imports nothing new the second time, whatever the batch size', async () => {
    for (const batchSize of [1, 2, 1000]) {
      const again = await importCallFile(join(dir, 'many.csv'), repo, { ...options, batchSize });
      expect(again).toMatchObject({ rows: 11, inserted: 0, merged: 0, duplicates: 11, rejected: 0 });
    }
  });

  it('counts the same when a hook wants every written call (upsertMany)', async () => {
    const outcomes: CallUpsertOutcome[] = [];
    const hooked: CallImportOptions = {
      ...options,
      batchSize: 2,
      onWritten: async (o) => void outcomes.push(o),
    };
    const withHook = await importCallFile(file('hook.csv', spreadLegs('hook')), repo, hooked);
    const without = await importCallFile(file('plain.csv', spreadLegs('plain')), repo, {
      ...options,
      batchSize: 2,
    });
    expect({ ...withHook, bytes: 0 }).toEqual({ ...without, bytes: 0 });
    expect(outcomes.flatMap((o) => o.inserted.map((c) => c.sourceId)).sort()).toEqual(
      [1, 2, 3, 4, 5].map((n) => `hook-${n}`),
    );
    expect(await stored('hook')).toEqual(await stored('plain'));
  });

  it('rejects a row that is not CSV with its line and reason, and imports the rest', async () => {
    const lines = spreadLegs('bad');
    lines.splice(3, 0, '"","1390000"0001","88886666"');
    const summary = await importCallFile(file('bad.csv', lines), repo, options);
    expect(summary).toMatchObject({ rows: 11, inserted: 5, rejected: 1 });
    expect(summary.rejections).toEqual([
      { line: 4, reason: 'unreadable CSV: a closing quote followed by "0"' },
    ]);
    expect(summary.reasons).toEqual({ 'unreadable CSV: a closing quote followed by "…"': 1 });
  });
});

describe('a batch written as array literals (importMany)', () => {
  it('stores any text, no answer time and milliseconds exactly', async () => {
    const odd = ['quote " and \\ backslash', 'comma, {braces} and "NULL"', 'NULL', ' spaced ', '', '电话'];
    const calls: CallRecord[] = odd.map((text, i) => ({
      sourceId: `odd-${i}-${text}`,
      startedAt: new Date(Date.UTC(2026, 2, 2, 1, 0, i, 123)),
      answeredAt: i % 2 ? new Date(Date.UTC(2026, 2, 2, 1, 0, i + 1, 7)) : null,
      endedAt: new Date(Date.UTC(2026, 2, 2, 1, 1, i, 999)),
      caller: text,
      callee: text === '' ? '88886666' : text,
      disposition: i % 2 ? 'ANSWERED' : 'NO ANSWER',
      durationS: 60 + i,
      billsecS: i % 2 ? 59 : 0,
      isDeskCall: i % 2 === 0,
    }));
    expect(await repo.importMany(calls)).toEqual({ inserted: odd.length, updated: 0 });
    for (const call of calls)
      expect(await repo.findBySourceId(call.sourceId)).toMatchObject({ ...call, ticketId: null });
    expect(await repo.importMany(calls)).toEqual({ inserted: 0, updated: 0 });
    const later = calls.map((c) => ({ ...c, endedAt: new Date(c.endedAt.getTime() + 1) }));
    expect(await repo.importMany(later)).toEqual({ inserted: 0, updated: odd.length });
    expect(await repo.importMany([])).toEqual({ inserted: 0, updated: 0 });
  });
});
