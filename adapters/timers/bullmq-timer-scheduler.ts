import type { Queue } from 'bullmq';
import type { Clock } from '../../core/ports/clock.port.js';
import {
  TIMER_KIND_PATTERN,
  type StoredTimer,
  type TimerKey,
  type TimerScheduler,
  type TimerSpec,
} from '../../core/ports/timer-scheduler.port.js';
import type { DrizzleTimerRepository } from '../db/timer.repository.js';
import { TIMER_HORIZON_MS, TIMER_SWEEP_MS, timerJobId, timerJobOptions, timerPayload } from './timer-job.js';

/** Jobs per addBulk: one Redis transaction each, so a sweep after an outage stays in bites. */
const ADD_CHUNK = 500;

/**
 * Timers as rows plus delayed jobs. The row is written first: if the process dies before the job
 * is queued, start-up reconciliation adds it; the reverse order could leave a job with no row.
 * A timer gets its job only once it is due within the horizon (see TIMER_HORIZON_MS): at once if
 * it already is, otherwise from `queueDue`, which the timers role runs on a schedule.
 */
export class BullmqTimerScheduler implements TimerScheduler {
  /** Timers due within this get their job when scheduled (TIMER_HORIZON_MS). */
  readonly horizonMs: number;
  /** How often the timers role runs `queueDue` (TIMER_SWEEP_MS). */
  readonly sweepMs: number;
  /** Real time: BullMQ delays are measured against the wall clock, whatever clock core is given. */
  private readonly wallClock: Clock;

  constructor(
    readonly store: DrizzleTimerRepository,
    readonly queue: Queue,
    /** Tests shorten the horizon and the sweep; see TIMER_HORIZON_MS and TIMER_SWEEP_MS for the defaults. */
    options: { horizonMs?: number; sweepMs?: number; wallClock?: Clock } = {},
  ) {
    this.horizonMs = options.horizonMs ?? TIMER_HORIZON_MS;
    this.sweepMs = options.sweepMs ?? TIMER_SWEEP_MS;
    this.wallClock = options.wallClock ?? { now: () => new Date() };
    if (!(this.sweepMs > 0 && this.sweepMs < this.horizonMs))
      throw new Error(
        `The timer sweep interval (${this.sweepMs} ms) must be above 0 and shorter than the horizon (${this.horizonMs} ms), or timers fire late.`,
      );
  }

  /** Where this process's last sweep ended (each process sweeps from its own; see queueDue). */
  private sweptThrough: Date | null = null;

  async schedule(spec: TimerSpec): Promise<void> {
    checkSpec(spec);
    const now = this.wallClock.now();
    const { timer, changed } = await this.store.upsert(spec, now);
    if (changed && timer.version > 1) await this.removeJob({ ...timer, version: timer.version - 1 });
    // Adding an id BullMQ still holds is ignored, so this also repairs a job lost before it was added.
    if (this.soon(timer, now.getTime())) await this.add(timer, now.getTime());
  }

  async scheduleMany(specs: readonly TimerSpec[]): Promise<void> {
    specs.forEach(checkSpec);
    const now = this.wallClock.now();
    const written = await this.store.upsertMany(specs, now);
    if (written.length === 0) return;
    for (const t of written) if (t.version > 1) await this.removeJob({ ...t, version: t.version - 1 });
    await this.queueJobs(
      written.filter((t) => this.soon(t, now.getTime())),
      now.getTime(),
    );
  }

  /**
   * The sweep: queues a job for every timer (pending, or claimed by a worker that died) due after
   * the previous sweep's limit and by now + horizon − sweep interval; the first sweep in a process also
   * takes everything overdue. The band stays one interval short of the horizon so that a timer
   * whose row was not yet visible to a sweep cannot fall between the two rules: `schedule` queued
   * it at once unless it was due beyond its own now + horizon, and a sweep whose band reaches that
   * far started more than one interval later. Jobs are thus queued 60–90 s before their time
   * (with the defaults). Ids are deterministic, so a job already queued is left as it is, and a
   * timer that fires meanwhile finds its row claimed. Returns how many timers it queued.
   */
  async queueDue(): Promise<number> {
    const now = this.nowMs();
    const upTo = new Date(now + Math.max(0, this.horizonMs - this.sweepMs));
    const due = await this.store.active({ ...(this.sweptThrough ? { after: this.sweptThrough } : {}), upTo });
    await this.queueJobs(due, now);
    if (!this.sweptThrough || upTo > this.sweptThrough) this.sweptThrough = upTo;
    return due.length;
  }

  async cancel(key: TimerKey): Promise<boolean> {
    const cancelled = await this.store.cancel(key, this.wallClock.now());
    if (!cancelled) return false;
    await this.removeJob(cancelled);
    return true;
  }

  list(ticketId: string, kindPrefix?: string): Promise<StoredTimer[]> {
    return this.store.list(ticketId, kindPrefix);
  }

  async add(timer: StoredTimer, nowMs: number): Promise<void> {
    await this.queue.add(timer.kind, timerPayload(timer), timerJobOptions(timer, nowMs));
  }

  nowMs(): number {
    return this.wallClock.now().getTime();
  }

  /** Due within the horizon of `nowMs`. */
  soon(timer: Pick<StoredTimer, 'dueAt'>, nowMs: number): boolean {
    return timer.dueAt.getTime() <= nowMs + this.horizonMs;
  }

  /** Delayed jobs for `timers`, in bulk; a job whose id BullMQ still holds is left as it is. */
  async queueJobs(timers: readonly StoredTimer[], nowMs: number): Promise<void> {
    for (let i = 0; i < timers.length; i += ADD_CHUNK)
      await this.queue.addBulk(
        timers
          .slice(i, i + ADD_CHUNK)
          .map((t) => ({ name: t.kind, data: timerPayload(t), opts: timerJobOptions(t, nowMs) })),
      );
  }

  /** Best effort: a job that is running cannot be removed, and a stale job is a no-op anyway. */
  private async removeJob(timer: Pick<StoredTimer, 'ticketId' | 'kind' | 'n' | 'version'>): Promise<void> {
    try {
      await this.queue.remove(timerJobId(timer));
    } catch {
      // Locked by a worker right now: its claim will find the version moved on and do nothing.
    }
  }
}

function checkSpec(spec: TimerSpec): void {
  if (!TIMER_KIND_PATTERN.test(spec.kind))
    throw new Error(`Timer kind "${spec.kind}" must look like family.name (lowercase, digits, dashes).`);
  if (!Number.isInteger(spec.n) || spec.n < 0) throw new Error(`Timer n must be a whole number ≥ 0.`);
}
