import type { Job, JobType } from 'bullmq';
import type { StoredTimer } from '../../core/ports/timer-scheduler.port.js';
import type { BullmqTimerScheduler } from './bullmq-timer-scheduler.js';
import { TIMER_SWEEP_JOB, timerJobId } from './timer-job.js';

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

const QUEUED_STATES = ['delayed', 'waiting', 'prioritized', 'waiting-children'] as const;

/**
 * Makes the queue agree with the timers table, which is the truth. Run at start-up, and safe to run
 * while workers fire and listeners schedule: a job re-added for a timer that fires meanwhile finds
 * its row claimed and does nothing. A job for an active timer beyond the horizon is kept (queued
 * before the horizon existed, or by a process with a longer one); a missing one is left to the sweep.
 */
export async function reconcileTimers(scheduler: BullmqTimerScheduler): Promise<TimerReconciliation> {
  const { queue, store } = scheduler;
  // Jobs first, rows second: a timer scheduled in between has its row read here, and re-adding its
  // job is a no-op; the other order would take its fresh job for an orphan and remove it.
  // The sweep's own turns (a job scheduler's) are not timers. A running job counts as present and is
  // never an orphan: its claim settles it, and once it completes it is gone (a removal of it then
  // would "succeed" and be miscounted).
  const timerJobs = (states: readonly JobType[]) =>
    queue
      .getJobs([...states])
      .then((found) => found.filter((j): j is Job => Boolean(j?.id) && j.name !== TIMER_SWEEP_JOB));
  // Queued before running: a job that starts in between is seen as running too, and left alone.
  const queued = await timerJobs(QUEUED_STATES);
  const running = await timerJobs(['active']);
  const runningIds = new Set(running.map((j) => j.id as string));
  const jobs = queued.filter((j) => !runningIds.has(j.id as string));
  const active = await store.active();
  const wanted = new Map<string, StoredTimer>(active.map((t) => [timerJobId(t), t]));
  const present = new Set<string>(runningIds);
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
  const nowMs = scheduler.nowMs();
  const missing = [...wanted].filter(([id]) => !present.has(id)).map(([, timer]) => timer);
  const near = missing.filter((timer) => scheduler.soon(timer, nowMs));
  await scheduler.queueJobs(near, nowMs);
  const readded = near.length;
  const overdue = near.filter((timer) => timer.dueAt.getTime() <= nowMs).length;
  const deferred = missing.length - near.length;
  return { active: active.length, readded, overdue, deferred, orphansRemoved };
}
