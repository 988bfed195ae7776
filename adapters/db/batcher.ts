export interface BatcherOptions<I> {
  /** Batches running at once (1); a call that finds all slots busy waits for the next batch. */
  maxInFlight?: number;
  /** The most calls one batch carries (64). */
  maxBatch?: number;
  /** Calls with equal keys never share a batch: a later one waits for the next (order kept). */
  key?: (input: I) => string;
  /** Shared by every batcher of a database that runs one statement at a time (see BatchTurns). */
  turns?: BatchTurns;
}

/**
 * One batch at a time across several batchers. PGlite runs one statement at a time anyway; without
 * turns, each batcher would send its batch at once and the batches would queue inside PGlite,
 * where nothing can join them. With turns, a batcher takes its calls only when its turn comes, so
 * the calls that arrived while the others ran go in the same statement. In the pipeline bench on
 * PGlite (2026-12-05, alternating runs): 182–191 tickets/s with turns, 139–154 without.
 */
export class BatchTurns {
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

/**
 * One batch in flight by default, the next forming meanwhile: batch size follows the load, 1 when
 * calls are sparse and dozens under a burst, each one round trip, one statement to plan and (for
 * writes) one commit. Two in flight were measured slower in the pipeline bench (same runs: about
 * 130 against 160-190 tickets/s, p99 at 150 reports/s 0.8-1.6 s against 0.23-0.32 s): twice the
 * statements for the same tickets, and two write batches waiting on each other's counter rows.
 */
const DEFAULTS = { maxInFlight: 1, maxBatch: 64 };

interface Pending<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces concurrent calls into one statement. A call starts a batch at once while fewer than
 * `maxInFlight` are running, so a lone call waits for nothing; under load, calls that arrive
 * while the slots are busy travel together in the next batch, which starts only after they
 * arrived (a read sees every write that finished before it was called).
 *
 * `run` maps inputs to outputs by position. Each batch is one statement, so a failed batch wrote
 * nothing: its calls are retried one at a time, and an error reaches only the call that caused it.
 */
export class Batcher<I, O> {
  private readonly queue: Array<Pending<I, O>> = [];
  private inFlight = 0;
  private readonly options: Required<Omit<BatcherOptions<I>, 'key' | 'turns'>> &
    Pick<BatcherOptions<I>, 'key' | 'turns'>;

  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    options: BatcherOptions<I> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      this.inFlight += 1;
      void this.next().finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /** Takes the calls waiting when its turn comes (at once without turns) and runs them. */
  private async next(): Promise<void> {
    const { turns } = this.options;
    if (!turns) return this.flush(this.take());
    await turns.acquire();
    try {
      const batch = this.take();
      // Another slot of this batcher may have taken them all while this one waited.
      if (batch.length > 0) await this.flush(batch);
    } finally {
      turns.release();
    }
  }

  private take(): Array<Pending<I, O>> {
    const { key, maxBatch } = this.options;
    if (!key) return this.queue.splice(0, maxBatch);
    const batch: Array<Pending<I, O>> = [];
    const keys = new Set<string>();
    const rest: Array<Pending<I, O>> = [];
    for (const pending of this.queue) {
      const k = key(pending.input);
      if (batch.length < maxBatch && !keys.has(k)) {
        keys.add(k);
        batch.push(pending);
      } else {
        rest.push(pending);
      }
    }
    this.queue.splice(0, this.queue.length, ...rest);
    return batch;
  }

  private async flush(batch: Array<Pending<I, O>>): Promise<void> {
    try {
      const outputs = await this.run(batch.map((p) => p.input));
      batch.forEach((p, i) => p.resolve(outputs[i] as O));
    } catch (error) {
      const [only] = batch;
      if (only && batch.length === 1) return only.reject(error);
      await Promise.all(
        batch.map(async (p) => {
          try {
            const [output] = await this.run([p.input]);
            p.resolve(output as O);
          } catch (e) {
            p.reject(e);
          }
        }),
      );
    }
  }
}

/**
 * For a batch of calls each asking for the rows of one key (a ticket's events, a subject's timers):
 * each call's rows in the order the statement returned them, a fresh array per call.
 */
export function rowsPerCall<R, K>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = byKey.get(k);
    if (list) list.push(row);
    else byKey.set(k, [row]);
  }
  return keys.map((k) => [...(byKey.get(k) ?? [])]);
}
