import pg from 'pg';
import { BatchTurns } from './batcher.js';
import type { Db } from './database.js';

/** A hand-written statement: its SQL and a name unique per text. */
export interface Statement {
  readonly name: string;
  readonly text: string;
  /**
   * 'generic': prepared once per connection under `name`, and the server may keep one plan made
   * without the parameters' values (after five runs it does, if that plan costs no more). Only for
   * statements whose best plan cannot change as the tables grow: inserts driven by their JSON
   * parameter (conflicts are found through the unique index whatever the plan), and reads of the
   * tables the roster bounds (people, ticket_person_counts). A generic plan made while a table was
   * near empty is a sequential scan, and it stays until the next ANALYZE; so every lookup into a
   * table that grows leaves this out and is parsed and planned for its own values on each call.
   */
  readonly plan?: 'generic';
}

/** Runs a statement with positional parameters ($1…) and returns its rows. */
export type SqlRunner = <R>(statement: Statement, params: readonly unknown[]) => Promise<R[]>;

const INT8 = 20;
/** bigserial ids and sizes stay far below 2^53; PGlite already returns them as numbers. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

interface PgliteLike {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * The hot-path writes are single statements with data-modifying CTEs, which drizzle cannot
 * prepare, so they go straight to the driver underneath the drizzle instance. On a server a
 * statement marked 'generic' runs as a named prepared statement (parsed once per connection, then
 * one Bind/Execute per call); any other as the unnamed statement, planned for its values each
 * time. Rows come back with the drivers' own parsers (timestamptz → Date,
 * jsonb → value), which agree between pg and PGlite once int8 is read as a number.
 */
export function sqlRunnerFor(db: Db): SqlRunner {
  const client = (db as Db & { $client?: unknown }).$client;
  if (client instanceof pg.Pool || client instanceof pg.Client) {
    return async <R>(statement: Statement, params: readonly unknown[]) => {
      const result = await client.query({
        name: statement.plan === 'generic' ? statement.name : undefined,
        text: statement.text,
        values: params as unknown[],
        types: pgTypes,
      });
      return result.rows as R[];
    };
  }
  if (isPglite(client)) {
    return async <R>(statement: Statement, params: readonly unknown[]) =>
      (await client.query<R>(statement.text, params as unknown[])).rows;
  }
  throw new Error('The drizzle instance runs on neither a pg Pool/Client nor PGlite.');
}

function isPglite(client: unknown): client is PgliteLike {
  return (
    typeof client === 'object' &&
    client !== null &&
    typeof (client as PgliteLike).query === 'function' &&
    typeof (client as { exec?: unknown }).exec === 'function'
  );
}

const pgliteTurns = new WeakMap<object, BatchTurns>();

/**
 * The turns every batcher of this database shares (see BatchTurns): one per PGlite instance, which
 * runs one statement at a time; none on a server, whose pool runs batches side by side.
 */
export function batchTurnsFor(db: Db): BatchTurns | undefined {
  const client = (db as Db & { $client?: unknown }).$client;
  if (!isPglite(client)) return undefined;
  let turns = pgliteTurns.get(client);
  if (!turns) pgliteTurns.set(client, (turns = new BatchTurns()));
  return turns;
}
