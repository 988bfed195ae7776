import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { Batcher, BatchTurns, rowsPerCall } from '../../../adapters/db/batcher.js';
import { batchTurnsFor } from '../../../adapters/db/sql-runner.js';

/** A batch function whose calls stay pending until released, recording what each carried. */
function gatedRun<I, O>(answer: (input: I) => O) {
  const batches: I[][] = [];
  const gates: Array<() => void> = [];
  const run = async (inputs: I[]): Promise<O[]> => {
    batches.push([...inputs]);
    await new Promise<void>((resolve) => gates.push(resolve));
    return inputs.map(answer);
  };
  /** Lets the batches running now finish, and whatever they unblock start. */
  const releaseNow = async () => {
    gates.splice(0).forEach((open) => open());
    await new Promise((resolve) => setImmediate(resolve));
  };
  const releaseAll = async () => {
    while (gates.length > 0) await releaseNow();
  };
  return { run, batches, releaseNow, releaseAll };
}

describe('Batcher', () => {
  it('sends a lone call at once, and coalesces the calls that arrive while slots are busy', async () => {
    const gated = gatedRun((n: number) => n * 10);
    const batcher = new Batcher(gated.run, { maxInFlight: 1, maxBatch: 10 });
    const first = batcher.submit(1);
    expect(gated.batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => batcher.submit(n));
    expect(gated.batches).toEqual([[1]]);
    await gated.releaseAll();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(gated.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('runs up to maxInFlight batches at once and caps their size at maxBatch', async () => {
    const gated = gatedRun((n: number) => n);
    const batcher = new Batcher(gated.run, { maxInFlight: 2, maxBatch: 2 });
    const all = [1, 2, 3, 4, 5, 6, 7].map((n) => batcher.submit(n));
    expect(gated.batches).toEqual([[1], [2]]);
    await gated.releaseAll();
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(gated.batches).toEqual([[1], [2], [3, 4], [5, 6], [7]]);
  });

  it('by default runs one batch at a time, of at most 64 calls', async () => {
    const gated = gatedRun((n: number) => n);
    const batcher = new Batcher(gated.run);
    const all = Array.from({ length: 130 }, (_, n) => batcher.submit(n));
    expect(gated.batches.map((b) => b.length)).toEqual([1]);
    await gated.releaseAll();
    expect(await Promise.all(all)).toEqual(Array.from({ length: 130 }, (_, n) => n));
    expect(gated.batches.map((b) => b.length)).toEqual([1, 64, 64, 1]);
  });

  it('never puts two calls with one key in a batch, and keeps their order', async () => {
    const gated = gatedRun((s: string) => s.toUpperCase());
    const batcher = new Batcher(gated.run, { maxInFlight: 1, maxBatch: 10, key: (s) => s[0] ?? '' });
    const all = ['a1', 'a2', 'b1', 'a3', 'c1', 'b2'].map((s) => batcher.submit(s));
    await gated.releaseAll();
    expect(await Promise.all(all)).toEqual(['A1', 'A2', 'B1', 'A3', 'C1', 'B2']);
    expect(gated.batches).toEqual([['a1'], ['a2', 'b1', 'c1'], ['a3', 'b2']]);
  });

  it('retries a failed batch call by call, so only the culprit sees the error', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const blocker = new Promise<void>((resolve) => (release = resolve));
    const batcher = new Batcher<number, number>(
      async (inputs) => {
        batches.push([...inputs]);
        if (inputs[0] === 0) await blocker;
        if (inputs.includes(13)) throw new Error('unlucky');
        return inputs.map((n) => n + 1);
      },
      { maxInFlight: 1, maxBatch: 10 },
    );
    const first = batcher.submit(0);
    const rest = [12, 13, 14].map((n) => batcher.submit(n).catch((e: Error) => e.message));
    release();
    expect(await first).toBe(1);
    expect(await Promise.all(rest)).toEqual([13, 'unlucky', 15]);
    expect(batches).toEqual([[0], [12, 13, 14], [12], [13], [14]]);
  });

  it('rejects a lone failed call without retrying it', async () => {
    let calls = 0;
    const batcher = new Batcher<number, number>(
      async () => {
        calls += 1;
        throw new Error('down');
      },
      { maxInFlight: 2, maxBatch: 10 },
    );
    await expect(batcher.submit(1)).rejects.toThrow('down');
    expect(calls).toBe(1);
  });
});

describe('Batcher with shared turns (one statement at a time, as on PGlite)', () => {
  it('runs one batch at a time across batchers, each taking the calls that arrived while it waited', async () => {
    const turns = new BatchTurns();
    const a = gatedRun((s: string) => s.toUpperCase());
    const b = gatedRun((s: string) => s.toUpperCase());
    const batchA = new Batcher(a.run, { turns });
    const batchB = new Batcher(b.run, { turns });
    const a1 = batchA.submit('a1');
    const bs = [batchB.submit('b1'), batchB.submit('b2')];
    await new Promise((resolve) => setImmediate(resolve));
    // B waits for A's turn instead of sending b1 alone.
    expect(a.batches).toEqual([['a1']]);
    expect(b.batches).toEqual([]);
    const a2 = batchA.submit('a2');
    const b3 = batchB.submit('b3');
    await a.releaseNow();
    // B asked first, so its turn comes next; b3 arrived before it did and goes along.
    expect(b.batches).toEqual([['b1', 'b2', 'b3']]);
    expect(a.batches).toEqual([['a1']]);
    await b.releaseNow();
    expect(a.batches).toEqual([['a1'], ['a2']]);
    await a.releaseAll();
    expect(await Promise.all([a1, a2, ...bs, b3])).toEqual(['A1', 'A2', 'B1', 'B2', 'B3']);
  });

  it('gives the turn back when a batch fails, and a slot that finds nothing left to take runs nothing', async () => {
    const turns = new BatchTurns();
    const failing = new Batcher(
      async (inputs: number[]) => {
        await new Promise((resolve) => setImmediate(resolve));
        if (inputs.includes(13)) throw new Error('unlucky');
        return inputs;
      },
      { turns, maxInFlight: 2 },
    );
    const calls: number[][] = [];
    const other = new Batcher(
      async (inputs: number[]) => {
        calls.push(inputs);
        return inputs;
      },
      { turns },
    );
    const results = await Promise.all([
      failing.submit(13).catch((e: Error) => e.message),
      failing.submit(14),
      other.submit(1),
    ]);
    expect(results).toEqual(['unlucky', 14, 1]);
    expect(calls).toEqual([[1]]);
    // Nothing is left holding the turn.
    expect(await Promise.race([other.submit(2), new Promise((r) => setTimeout(() => r('stuck'), 500))])).toBe(
      2,
    );
  });
});

describe('rowsPerCall', () => {
  it("hands each call its key's rows in statement order, a fresh array per call, none for a miss", () => {
    const rows = [
      { key: 'b', n: 1 },
      { key: 'a', n: 2 },
      { key: 'b', n: 3 },
    ];
    const perCall = rowsPerCall(['a', 'b', 'x', 'b'], rows, (r) => r.key);
    expect(perCall.map((list) => list.map((r) => r.n))).toEqual([[2], [1, 3], [], [1, 3]]);
    expect(perCall[1]).not.toBe(perCall[3]);
  });
});

describe('batchTurnsFor', () => {
  it('gives the batchers of one PGlite database one shared set of turns, and a server pool none', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    try {
      expect(batchTurnsFor(drizzlePg({ client: pool }) as never)).toBeUndefined();
    } finally {
      await pool.end();
    }
    // What the PGlite driver sees of the client (PgliteThread or PGlite): query and exec.
    const pgliteLike = { query: async () => ({ rows: [] }), exec: async () => [] };
    const db = { $client: pgliteLike } as never;
    const turns = batchTurnsFor(db);
    expect(turns).toBeInstanceOf(BatchTurns);
    expect(batchTurnsFor(db)).toBe(turns);
    expect(batchTurnsFor({ $client: { ...pgliteLike } } as never)).not.toBe(turns);
  });
});
