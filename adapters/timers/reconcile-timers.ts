import type { Job, Queue } from 'bullmq';
import type { Clock } from '../../core/ports/clock.port.js';
import type { StoredTimer } from '../../core/ports/timer-scheduler.port.js';
import type { DrizzleTimerRepository } from '../db/timer.repository.js';
import { TIMER_HORIZON_MS, TIMER_SWEEP_JOB, timerJobId, timerJobOptions, timerPayload } from './timer-job.js';

export interface TimerReconciliation {
  /** Timers the database says are due (pending, or claimed but never completed). */
  active: number;
  /** Jobs that were missing and were queued again (a Redis that lost data, a crash before the add). */
  readded: number;
  /** Of those, already past due: they fire right away. */
  overdue: number;
  /** Active timers due beyond the horizon: no job yet; the sweep queues them when their time nears. */
  deferred: number;
  /** Jobs whose row is gone, moved on or settled: removed. */
  orphansRemoved: number;
}

const QUEUED_STATES = ['delayed', 'waiting', 'prioritized', 'active', 'waiting-children'] as const;

/**
 * Makes the queue agree with the timers table, which is the truth. Run at start-up, and safe to run
 * while workers fire and listeners schedule: a job re-added for a timer that fires meanwhile finds
 * its row claimed and does nothing. A job for an active timer beyond the horizon is kept (queued
 * before the horizon existed, or by a process with a longer one); a missing one is left to the sweep.
 */
export async function reconcileTimers(
  store: DrizzleTimerRepository,
  queue: Queue,
  options: { wallClock?: Clock; horizonMs?: number } = {},
): Promise<TimerReconciliation> {
  const wallClock = options.wallClock ?? { now: () => new Date() };
  const horizonMs = options.horizonMs ?? TIMER_HORIZON_MS;
  // Jobs first, rows second: a timer scheduled in between has its row read here, and re-adding its
  // job is a no-op; the other order would take its fresh job for an orphan and remove it.
  // The sweep's own turns (a job scheduler's) are not timers.
  const jobs = (await queue.getJobs([...QUEUED_STATES])).filter(
    (j): j is Job => Boolean(j?.id) && j.name !== TIMER_SWEEP_JOB,
  );
  const active = await store.active();
  const wanted = new Map<string, StoredTimer>(active.map((t) => [timerJobId(t), t]));
  const present = new Set<string>();
  let orphansRemoved = 0;
  for (const job of jobs) {
    const id = job.id as string;
    if (wanted.has(id)) {
      present.add(id);
      continue;
    }
    try {
      await job.remove();
      orphansRemoved++;
    } catch {
      // Running right now: its claim finds nothing to do.
    }
  }
  const nowMs = wallClock.now().getTime();
  let readded = 0;
  let overdue = 0;
  let deferred = 0;
  for (const [id, timer] of wanted) {
    if (present.has(id)) continue;
    if (timer.dueAt.getTime() > nowMs + horizonMs) {
      deferred++;
      continue;
    }
    await queue.add(timer.kind, timerPayload(timer), timerJobOptions(timer, nowMs));
    readded++;
    if (timer.dueAt.getTime() <= nowMs) overdue++;
  }
  return { active: active.length, readded, overdue, deferred, orphansRemoved };
}
