/** Messages between the main thread (pglite-thread.ts) and the database thread (pglite-host.worker.ts). */

export interface HostStart {
  /** The data folder; null keeps the database in memory. */
  dataDir: string | null;
}

export interface QueryOptions {
  rowMode?: 'array' | 'object';
  /** Type oids to hand back as their text instead of parsing them. */
  textTypes?: number[];
}

export type HostRequest =
  | { id: number; op: 'query'; tx?: number; text: string; params?: unknown[]; options?: QueryOptions }
  | { id: number; op: 'exec'; tx?: number; text: string }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close' };

export interface HostError {
  message: string;
  name?: string;
  /** The server error's own fields: code, detail, constraint, … */
  fields: Record<string, unknown>;
}

export type HostReply = { id: number; result: unknown } | { id: number; error: HostError };
