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
import { timerJobId, timerJobOptions, timerPayload } from './timer-job.js';

/**
 * Timers as rows plus delayed jobs. The row is written first: if the process dies before the job
 * is queued, start-up reconciliation adds it; the reverse order could leave a job with no row.
 */
export class BullmqTimerScheduler implements TimerScheduler {
  constructor(
    private readonly store: DrizzleTimerRepository,
    private readonly queue: Queue,
    /** Real time: BullMQ delays are measured against the wall clock, whatever clock core is given. */
    private readonly wallClock: Clock = { now: () => new Date() },
  ) {}

  async schedule(spec: TimerSpec): Promise<void> {
    checkSpec(spec);
    const now = this.wallClock.now();
    const { timer, changed } = await this.store.upsert(spec, now);
    if (changed && timer.version > 1) await this.removeJob({ ...timer, version: timer.version - 1 });
    // Adding an id BullMQ still holds is ignored, so this also repairs a job lost before it was added.
    await this.add(timer, now.getTime());
  }

  async scheduleMany(specs: readonly TimerSpec[]): Promise<void> {
    specs.forEach(checkSpec);
    const now = this.wallClock.now();
    const written = await this.store.upsertMany(specs, now);
    if (written.length === 0) return;
    for (const t of written) if (t.version > 1) await this.removeJob({ ...t, version: t.version - 1 });
    await this.queue.addBulk(
      written.map((t) => ({ name: t.kind, data: timerPayload(t), opts: timerJobOptions(t, now.getTime()) })),
    );
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
