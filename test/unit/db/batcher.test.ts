import { describe, expect, it } from 'vitest';
import { Batcher, rowsPerCall } from '../../../adapters/db/batcher.js';

/** A batch function whose calls stay pending until released, recording what each carried. */
function gatedRun<I, O>(answer: (input: I) => O) {
  const batches: I[][] = [];
  const gates: Array<() => void> = [];
  const run = async (inputs: I[]): Promise<O[]> => {
    batches.push([...inputs]);
    await new Promise<void>((resolve) => gates.push(resolve));
    return inputs.map(answer);
  };
  const releaseAll = async () => {
    while (gates.length > 0) {
      gates.splice(0).forEach((open) => open());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { run, batches, releaseAll };
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
