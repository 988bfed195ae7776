/**
 * Durable timers: a deadline stored in the database and a delayed job that fires it on time.
 * The stored row is the truth; the queued job is only the alarm clock, so a lost job is re-added
 * from the row at start-up and a stray job whose row moved on is a harmless no-op.
 */

/** `pending` waits; `firing` was claimed by a worker whose handler has not finished yet. */
export const TIMER_STATES = ['pending', 'firing', 'fired', 'cancelled'] as const;
export type TimerState = (typeof TIMER_STATES)[number];

/**
 * `kind` is `<family>.<name>`: the family picks the handler (`sla`, `followup`), the name tells
 * the handler what is due (`response-reminder-1`). `n` separates repeats of one kind on one
 * subject, e.g. the dispatch cycle a response timer belongs to.
 */
export interface TimerKey {
  /** The ticket (or other subject) the timer is about. */
  ticketId: string;
  kind: string;
  n: number;
}

export interface TimerSpec extends TimerKey {
  dueAt: Date;
  /** What the handler needs to act; stored with the row. */
  data: Record<string, unknown>;
}

export interface StoredTimer extends TimerSpec {
  state: TimerState;
  /** Bumped whenever the due time or data change; a job for an older version does nothing. */
  version: number;
  firedAt: Date | null;
}

export const TIMER_KIND_PATTERN = /^[a-z][a-z0-9]*\.[a-z0-9][a-z0-9-]*$/;

export const timerFamily = (kind: string): string => kind.slice(0, kind.indexOf('.'));

/** Producer side: used by listeners and use cases to set, move and drop timers. */
export interface TimerScheduler {
  /**
   * Creates or moves a timer to `dueAt` (pending again even if it had fired or was cancelled).
   * Scheduling what is already scheduled is a no-op, so callers may repeat themselves.
   */
  schedule(spec: TimerSpec): Promise<void>;
  /**
   * Several timers in one write and one queue round trip. A timer already pending with the same
   * due time and data is left as it is.
   */
  scheduleMany(specs: readonly TimerSpec[]): Promise<void>;
  /** Drops a pending timer; false when there was none pending. */
  cancel(key: TimerKey): Promise<boolean>;
  /** Every timer of a subject whose kind starts with `kindPrefix` (e.g. `sla.`), any state. */
  list(ticketId: string, kindPrefix?: string): Promise<StoredTimer[]>;
}

/** Storage of timers, as the firing use case needs it. */
export interface TimerStore {
  find(key: TimerKey): Promise<StoredTimer | null>;
  /** pending → firing, atomically and only for this version: null when someone else got it first. */
  claim(key: TimerKey, version: number): Promise<StoredTimer | null>;
  /** firing → fired at `at`. */
  complete(key: TimerKey, version: number, at: Date): Promise<void>;
}

/** What a feature does when one of its timers is due. Must be idempotent: a crash mid-way runs it again. */
export interface TimerHandler {
  /** The kind family it handles (`sla`). */
  readonly family: string;
  fire(timer: StoredTimer, firedAt: Date): Promise<void>;
}
