import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite, types } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../adapters/db/index.js';
import { PgliteThread } from '../../../adapters/db/pglite-thread.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const identity = (v: unknown) => v;
/** What drizzle asks of a PGlite client: some types as their text. */
const DRIZZLE_PARSERS = { [types.TIMESTAMPTZ]: identity, [types.DATE]: identity, [types.INTERVAL]: identity };

const SAMPLE = `select now() as at, '2026-12-05'::date as day, interval '2 hours' as span, 9007199254740::int8 as big,
  '{"a":[1,"二"]}'::jsonb as doc, array['x','y'] as tags, null::text as nothing, 'Ω 打印机'::text as words,
  '\\x0102'::bytea as bytes`;

describe('PgliteThread: embedded PostgreSQL on its own thread', () => {
  let thread: PgliteThread;
  let local: PGlite;
  beforeAll(async () => {
    thread = await PgliteThread.start(null);
    local = await PGlite.create();
    for (const db of [thread, local])
      await db.exec(`create table notes (id int primary key, body text not null); create table log (n int)`);
  }, 60_000);
  afterAll(async () => {
    await thread.close();
    await local.close();
  });

  it('answers as PGlite in this thread would, with parsed and with drizzle-style raw types', async () => {
    const strip = (r: { rows: unknown[] }) => r.rows.map((row) => ({ ...(row as object), at: 0 }));
    expect(strip(await thread.query(SAMPLE))).toEqual(strip(await local.query(SAMPLE)));
    const options = { rowMode: 'array' as const, parsers: DRIZZLE_PARSERS };
    const [viaThread] = (await thread.query<unknown[]>(SAMPLE, [], options)).rows;
    const [inProcess] = (await local.query<unknown[]>(SAMPLE, [], options)).rows;
    expect(typeof viaThread?.[0]).toBe('string');
    expect(viaThread?.slice(1)).toEqual(inProcess?.slice(1));
    expect(await thread.query('select $1::int + $2::int as n', [2, 3])).toMatchObject({ rows: [{ n: 5 }] });
  });

  it("passes the server's error on with its code and constraint", async () => {
    await thread.query(`insert into notes values (1, 'a')`);
    const error = await thread.query(`insert into notes values (1, 'b')`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505', constraint: 'notes_pkey' });
    expect((error as Error).message).toMatch(/duplicate key/);
  });

  it('commits a transaction, and rolls one back when its callback throws', async () => {
    await thread.transaction(async (tx) => {
      await tx.query(`insert into log values (1)`);
      await tx.exec(`insert into log values (2)`);
    });
    const failed = thread.transaction(async (tx) => {
      await tx.query(`insert into log values (3)`);
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toThrow('changed my mind');
    expect((await thread.query<{ n: number }>('select n from log order by n')).rows).toEqual([
      { n: 1 },
      { n: 2 },
    ]);
  });

  it('holds other queries back until a transaction ends, as one connection does', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = thread.transaction(async (t) => {
      await t.query(`insert into log values (10)`);
      order.push('tx wrote');
      await held;
      order.push('tx ends');
    });
    await new Promise((r) => setTimeout(r, 50));
    const outside = thread
      .query<{ n: number }>('select count(*)::int as n from log where n = 10')
      .then((r) => order.push(`outside saw ${r.rows[0]?.n}`));
    await new Promise((r) => setTimeout(r, 100));
    release();
    await Promise.all([tx, outside]);
    expect(order).toEqual(['tx wrote', 'tx ends', 'outside saw 1']);
  });

  it('refuses work once closed', async () => {
    const own = await PgliteThread.start(null);
    await own.close();
    expect(own.closed).toBe(true);
    await expect(own.query('select 1')).rejects.toThrow('The database is closed.');
    await own.close();
  }, 60_000);

  it('fails what was asked of it, and what is asked later, when the thread dies', async () => {
    const own = await PgliteThread.start(null);
    const pending = own.query('select pg_sleep(2)');
    await (own as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(pending).rejects.toThrow(/database thread exited/);
    await expect(own.query('select 1')).rejects.toThrow(/database thread exited/);
    await own.close();
  }, 60_000);

  it("reports a transaction callback's own error even when the thread died under it", async () => {
    const own = await PgliteThread.start(null);
    const worker = (own as unknown as { worker: { terminate(): Promise<number> } }).worker;
    const failed = own.transaction(async (tx) => {
      await tx.query('select 1');
      await worker.terminate();
      throw new Error('the callback failed first');
    });
    await expect(failed).rejects.toThrow('the callback failed first');
    await own.close();
  }, 60_000);

  it('does not keep the process alive when nothing is asked of it, even left open', () => {
    const module = pathToFileURL(join(ROOT, 'adapters', 'db', 'pglite-thread.ts')).href;
    const script = `const { PgliteThread } = await import(${JSON.stringify(module)});
      const t = await PgliteThread.start(null);
      console.log(JSON.stringify((await t.query('select 41 + 1 as n')).rows));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 45_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe('[{"n":42}]');
  }, 60_000);
});

describe('openDatabase without DATABASE_URL runs PGlite on its thread', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: '/nonexistent', inMemory: true });
    await database.migrate();
  }, 60_000);
  afterAll(async () => database.close());

  it('drizzle transactions commit, and roll back on tx.rollback()', async () => {
    const { db } = database;
    await db.execute(sql`create table t (id int, at timestamptz)`);
    const when = new Date('2026-12-05T08:00:00.123Z');
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into t values (1, ${when.toISOString()})`);
    });
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into t values (2, now())`);
        tx.rollback();
      })
      .catch(() => undefined);
    const rows = (await db.execute(sql`select id, at = ${when.toISOString()} as same from t`)) as unknown as {
      rows: unknown[];
    };
    expect(rows.rows).toEqual([{ id: 1, same: true }]);
  });
});
