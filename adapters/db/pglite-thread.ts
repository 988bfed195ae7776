import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HostReply, HostRequest, HostStart, QueryOptions } from './pglite-host.protocol.js';

/** What drizzle's PGlite driver and the SQL runner call on a PGlite client. */
export interface PgliteLikeClient {
  query<R>(
    text: string,
    params?: unknown[],
    options?: { rowMode?: 'array' | 'object'; parsers?: Record<number, unknown> },
  ): Promise<{ rows: R[]; fields?: unknown[]; affectedRows?: number }>;
  exec(text: string): Promise<unknown[]>;
  transaction<T>(fn: (tx: PgliteLikeClient & { rollback(): Promise<void> }) => Promise<T>): Promise<T>;
}

type Request = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, 'id'> : never) : never;

/**
 * Embedded PostgreSQL on its own thread. PGlite is PostgreSQL compiled to WebAssembly: running it in
 * the main thread put every query's execution and result parsing on the event loop that also runs
 * the workers, the bots and HTTP, and a busy chat hour saturated it (the chat bench's tail). Here a
 * worker thread owns the PGlite instance and this client forwards each query, exec and transaction
 * step to it; rows come back by structured clone (Dates, parsed JSON and arrays survive it).
 *
 * Semantics are PGlite's own: one connection, queries serialized, a transaction holding the lock
 * from `begin` to `end`, so a query outside it waits (inside a transaction only `tx` may be used).
 */
export class PgliteThread implements PgliteLikeClient {
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextId = 1;
  private exited: Error | null = null;
  #closed = false;

  private constructor(
    private readonly worker: Worker,
    private readonly onFailure: (error: Error) => void,
  ) {
    worker.on('message', (reply: HostReply) => this.settle(reply));
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`The database thread exited (code ${code}).`)));
  }

  /**
   * Starts the thread and opens the database in `dataDir` (null: in memory). `onFailure` hears once
   * if the thread dies while open; from then on every call fails with that error.
   */
  static async start(
    dataDir: string | null,
    onFailure: (error: Error) => void = () => {},
  ): Promise<PgliteThread> {
    const worker = spawnHost(dataDir);
    const thread = new PgliteThread(worker, onFailure);
    // The thread answers id 0 once PGlite is open (or with the reason it could not open).
    await new Promise((resolve, reject) => thread.pending.set(0, { resolve, reject }));
    thread.idle();
    return thread;
  }

  get closed(): boolean {
    return this.#closed;
  }

  query<R>(
    text: string,
    params?: unknown[],
    options?: { rowMode?: 'array' | 'object'; parsers?: Record<number, unknown> },
  ): Promise<{ rows: R[]; fields?: unknown[]; affectedRows?: number }> {
    return this.call({ op: 'query', text, params, options: queryOptions(options) }) as Promise<{
      rows: R[];
    }>;
  }

  exec(text: string): Promise<unknown[]> {
    return this.call({ op: 'exec', text }) as Promise<unknown[]>;
  }

  async transaction<T>(fn: (tx: PgliteLikeClient & { rollback(): Promise<void> }) => Promise<T>): Promise<T> {
    const id = this.nextId;
    await this.call({ op: 'begin' });
    let rolledBack = false;
    const tx = {
      query: <R>(text: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }) =>
        this.call({ op: 'query', tx: id, text, params, options: queryOptions(options) }) as Promise<{
          rows: R[];
        }>,
      exec: (text: string) => this.call({ op: 'exec', tx: id, text }) as Promise<unknown[]>,
      transaction: () => Promise.reject(new Error('Nested transactions go through savepoints.')),
      /** Marks the transaction to end in ROLLBACK; drizzle's own tx.rollback() throws instead. */
      rollback: () => {
        rolledBack = true;
        return Promise.resolve();
      },
    };
    try {
      const result = await fn(tx as PgliteLikeClient & { rollback(): Promise<void> });
      await this.call({ op: 'end', tx: id, commit: !rolledBack });
      return result;
    } catch (e) {
      // The callback's error is the one to report, even when ending fails too (a dead thread).
      await this.call({ op: 'end', tx: id, commit: false }).catch(() => undefined);
      throw e;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    if (!this.exited) await this.call({ op: 'close' });
    this.#closed = true;
    await this.worker.terminate();
  }

  private call(request: Request): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('The database is closed.'));
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as HostRequest);
    });
  }

  private settle(reply: HostReply): void {
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if ('error' in reply) {
      const error = Object.assign(new Error(reply.error.message), reply.error.fields);
      if (reply.error.name) error.name = reply.error.name;
      waiter.reject(error);
    } else waiter.resolve(reply.result);
    this.idle();
  }

  private fail(e: Error): void {
    if (this.exited) return;
    this.exited = e;
    if (!this.#closed && !this.pending.has(0)) this.onFailure(e);
    for (const waiter of this.pending.values()) waiter.reject(e);
    this.pending.clear();
  }

  /** A thread with nothing asked of it does not keep the process alive, as an in-process PGlite would not. */
  private idle(): void {
    if (this.pending.size === 0) this.worker.unref();
  }
}

function queryOptions(options?: {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}): QueryOptions | undefined {
  if (!options) return undefined;
  return {
    rowMode: options.rowMode,
    textTypes: options.parsers ? Object.keys(options.parsers).map(Number) : undefined,
  };
}

/**
 * The worker module next to this one: the .js of the build, or from source the .ts, loaded through
 * tsx as the main thread was (Node 20 applies a worker's `--import` hooks too late for its entry).
 */
function spawnHost(dataDir: string | null): Worker {
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  const entry = new URL(`./pglite-host.worker${ext}`, import.meta.url).href;
  // The thread takes the process's flags, less one that applies only to a script given as a string.
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
  const options = { workerData: { dataDir } satisfies HostStart, execArgv };
  if (ext !== '.ts') return new Worker(new URL(entry), options);
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
