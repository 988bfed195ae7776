import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { StoredTimer, TimerKey, TimerSpec, TimerStore } from '../../core/ports/timer-scheduler.port.js';
import { Batcher, rowsPerCall } from './batcher.js';
import type { Db } from './database.js';
import { jsonParam } from './json-param.js';
import { batchTurnsFor, sqlRunnerFor } from './sql-runner.js';
import { TIMERS_OF, UPSERT_TIMERS } from './timer.sql.js';
import { timers, type TimerRow } from './schema/index.js';

const toTimer = (r: TimerRow): StoredTimer => ({
  ticketId: r.ticketId,
  kind: r.kind,
  n: r.n,
  dueAt: r.dueAt,
  data: r.data,
  state: r.state,
  version: r.version,
  firedAt: r.firedAt,
});

const keyIs = (k: TimerKey) =>
  and(eq(timers.ticketId, k.ticketId), eq(timers.kind, k.kind), eq(timers.n, k.n));

const keyOf = (k: TimerKey): string => `${k.ticketId}\u0000${k.kind}\u0000${k.n}`;

/**
 * The timers table: the durable half of every timer (see core/ports/timer-scheduler.port.ts).
 * `list` and `upsertMany` are what every ticket change calls (the SLA listener re-plans the
 * ticket's timers), so concurrent calls share one statement each.
 */
export class DrizzleTimerRepository implements TimerStore {
  private readonly lists: Batcher<{ ticketId: string; kindPrefix: string }, StoredTimer[]>;
  private readonly upserts: Batcher<{ specs: readonly TimerSpec[]; now: Date }, StoredTimer[]>;

  constructor(private readonly db: Db) {
    const run = sqlRunnerFor(db);
    const turns = batchTurnsFor(db);
    this.lists = new Batcher(
      async (inputs) => {
        const ids = inputs.map((i) => i.ticketId);
        const rows = await run<TimerRow>(TIMERS_OF, [[...new Set(ids)]]);
        const perCall = rowsPerCall(ids, rows.map(toTimer), (t) => t.ticketId);
        return inputs.map((i, k) => (perCall[k] ?? []).filter((t) => t.kind.startsWith(i.kindPrefix)));
      },
      { turns },
    );
    this.upserts = new Batcher(
      async (inputs) => {
        const rows = inputs.flatMap(({ specs, now }) =>
          specs.map((s) => ({
            ticket_id: s.ticketId,
            kind: s.kind,
            n: s.n,
            due_at: s.dueAt,
            data: s.data,
            at: now,
          })),
        );
        const written = (await run<TimerRow>(UPSERT_TIMERS, [jsonParam(rows)])).map(toTimer);
        const byKey = new Map(written.map((t) => [keyOf(t), t]));
        return inputs.map((i) => i.specs.flatMap((spec) => byKey.get(keyOf(spec)) ?? []));
      },
      // One statement may not touch a row twice: calls about the same subjects wait for the next batch.
      { key: (i) => [...new Set(i.specs.map((s) => s.ticketId))].sort().join('\u0000'), turns },
    );
  }

  /**
   * Stores `spec` as pending. An unchanged pending timer is left alone (changed: false), so repeating
   * a schedule does not churn its job; anything else (moved, re-armed) gets a new version.
   */
  async upsert(spec: TimerSpec, now: Date): Promise<{ timer: StoredTimer; changed: boolean }> {
    const [written] = await this.upsertMany([spec], now);
    if (written) return { timer: written, changed: true };
    const stored = await this.find(spec);
    if (!stored) throw new Error(`timer ${spec.kind} of ${spec.ticketId} vanished while being scheduled`);
    return { timer: stored, changed: false };
  }

  /** `upsert` for several timers in one statement; returns only the rows it wrote (new or changed). */
  async upsertMany(specs: readonly TimerSpec[], now: Date): Promise<StoredTimer[]> {
    if (specs.length === 0) return [];
    return this.upserts.submit({ specs, now });
  }

  async find(key: TimerKey): Promise<StoredTimer | null> {
    const rows = await this.db.select().from(timers).where(keyIs(key));
    return rows[0] ? toTimer(rows[0]) : null;
  }

  /** pending → cancelled; the cancelled row is returned (its job is then stale). */
  async cancel(key: TimerKey, now: Date): Promise<StoredTimer | null> {
    const rows = await this.db
      .update(timers)
      .set({ state: 'cancelled', updatedAt: now })
      .where(and(keyIs(key), eq(timers.state, 'pending')))
      .returning();
    return rows[0] ? toTimer(rows[0]) : null;
  }

  async claim(key: TimerKey, version: number): Promise<StoredTimer | null> {
    const rows = await this.db
      .update(timers)
      .set({ state: 'firing', updatedAt: sql`now()` })
      .where(and(keyIs(key), eq(timers.version, version), eq(timers.state, 'pending')))
      .returning();
    return rows[0] ? toTimer(rows[0]) : null;
  }

  async complete(key: TimerKey, version: number, at: Date): Promise<void> {
    await this.db
      .update(timers)
      .set({ state: 'fired', firedAt: at, updatedAt: at })
      .where(and(keyIs(key), eq(timers.version, version), eq(timers.state, 'firing')));
  }

  /** Oldest due first; `kindPrefix` is a plain prefix (no wildcards). */
  async list(ticketId: string, kindPrefix = ''): Promise<StoredTimer[]> {
    return this.lists.submit({ ticketId, kindPrefix });
  }

  /**
   * Every timer a job should exist for: pending ones, and claimed ones whose handler never
   * finished; only those due in (`after`, `upTo`] when given. Soonest first.
   */
  async active(due: { after?: Date; upTo?: Date } = {}): Promise<StoredTimer[]> {
    const rows = await this.db
      .select()
      .from(timers)
      .where(
        and(
          inArray(timers.state, ['pending', 'firing']),
          due.after ? gt(timers.dueAt, due.after) : undefined,
          due.upTo ? lte(timers.dueAt, due.upTo) : undefined,
        ),
      )
      .orderBy(timers.dueAt);
    return rows.map(toTimer);
  }
}
