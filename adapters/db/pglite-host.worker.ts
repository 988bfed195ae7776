import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { HostReply, HostRequest, HostStart, QueryOptions } from './pglite-host.protocol.js';

/**
 * The thread that owns the embedded database (see pglite-thread.ts). It runs PGlite's WebAssembly
 * and result parsing here, off the main thread, and answers one message per request.
 */
const port = parentPort;
if (!port) throw new Error('pglite-host.worker must run as a worker thread.');
const start = workerData as HostStart;

const identity = (value: unknown): unknown => value;
/** drizzle asks for some types as their text (dates, intervals): its parsers are the identity. */
const optionsOf = (o: QueryOptions | undefined) =>
  o
    ? {
        rowMode: o.rowMode,
        parsers: o.textTypes ? Object.fromEntries(o.textTypes.map((oid) => [oid, identity])) : undefined,
      }
    : undefined;

/** Every field of a server error (code, detail, constraint…) travels with its message. */
function errorReply(id: number, error: unknown): HostReply {
  if (!(error instanceof Error)) return { id, error: { message: String(error), fields: {} } };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(error))
    if (typeof v !== 'function' && typeof v !== 'object') fields[k] = v;
  return { id, error: { message: error.message, name: error.name, fields } };
}

interface OpenTransaction {
  tx: Transaction;
  finish: (commit: boolean) => void;
}

let db: PGlite;
/** Open transactions by the id of their `begin`, and each one's end (settles after COMMIT or ROLLBACK). */
const transactions = new Map<number, OpenTransaction>();
const ended = new Map<number, Promise<void>>();
const ROLLBACK = Symbol('rollback');

/** The database, or inside a transaction its `tx`: PGlite refuses other work until that ends. */
function target(tx: number | undefined): PGlite | Transaction {
  if (tx === undefined) return db;
  const open = transactions.get(tx);
  if (!open) throw new Error(`No open transaction ${tx}.`);
  return open.tx;
}

async function handle(m: HostRequest): Promise<HostReply> {
  switch (m.op) {
    case 'query':
      return { id: m.id, result: await target(m.tx).query(m.text, m.params, optionsOf(m.options)) };
    case 'exec':
      return { id: m.id, result: await target(m.tx).exec(m.text) };
    case 'begin': {
      // PGlite holds its lock for the whole callback: the callback waits for the caller's `end`.
      let opened!: () => void;
      const ready = new Promise<void>((resolve) => (opened = resolve));
      const done = db
        .transaction(async (tx) => {
          const commit = await new Promise<boolean>((finish) => {
            transactions.set(m.id, { tx, finish });
            opened();
          });
          if (!commit) throw ROLLBACK;
        })
        .catch((e: unknown) => {
          if (e !== ROLLBACK) throw e;
        })
        .finally(() => transactions.delete(m.id));
      ended.set(m.id, done);
      await Promise.race([ready, done]);
      return { id: m.id, result: null };
    }
    case 'end': {
      const open = transactions.get(m.tx);
      const done = ended.get(m.tx);
      ended.delete(m.tx);
      if (!open || !done) throw new Error(`No open transaction ${m.tx}.`);
      open.finish(m.commit);
      await done;
      return { id: m.id, result: null };
    }
    case 'close':
      await db.close();
      return { id: m.id, result: null };
  }
}

try {
  db = await PGlite.create(start.dataDir ?? undefined);
  port.postMessage({ id: 0, result: null } satisfies HostReply);
} catch (e) {
  port.postMessage(errorReply(0, e));
}
port.on('message', (m: HostRequest) => {
  handle(m).then(
    (reply) => port.postMessage(reply),
    (e: unknown) => port.postMessage(errorReply(m.id, e)),
  );
});
