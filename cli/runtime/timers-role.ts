import type { Logger } from 'pino';
import type { Db } from '../../adapters/db/database.js';
import { DrizzleTimerRepository } from '../../adapters/db/timer.repository.js';
import type { BullmqJobScheduler } from '../../adapters/queue/bullmq-job-scheduler.js';
import { BullmqTimerScheduler } from '../../adapters/timers/bullmq-timer-scheduler.js';
import { reconcileTimers, type TimerReconciliation } from '../../adapters/timers/reconcile-timers.js';
import { TIMER_QUEUE, TIMER_SWEEP_JOB, TIMER_SWEEP_SCHEDULER_ID } from '../../adapters/timers/timer-job.js';
import type { Clock } from '../../core/ports/clock.port.js';
import { TimerRegistry } from '../../core/timers/timer-registry.js';
import { FireTimerUseCase } from '../../core/use-cases/fire-timer/fire-timer.use-case.js';
import { startTimerWorker, type TimerWorker } from '../../workers/timer.worker.js';

export type TimerServices = ReturnType<typeof buildTimerServices>;

/**
 * The durable-timer machinery every role shares: producers schedule through `scheduler`, features
 * register their handlers in `registry` (`registry.register({ family: 'followup', fire })`), and
 * the workers role fires them.
 */
export function buildTimerServices(deps: {
  db: Db;
  jobs: BullmqJobScheduler;
  clock: Clock;
  /** Tests shorten these; see TIMER_HORIZON_MS and TIMER_SWEEP_MS for the defaults' reasons. */
  horizonMs?: number;
  sweepMs?: number;
}) {
  const store = new DrizzleTimerRepository(deps.db);
  const queue = deps.jobs.queue(TIMER_QUEUE);
  const scheduler = new BullmqTimerScheduler(store, queue, {
    ...(deps.horizonMs ? { horizonMs: deps.horizonMs } : {}),
    ...(deps.sweepMs ? { sweepMs: deps.sweepMs } : {}),
  });
  const registry = new TimerRegistry();
  const fire = new FireTimerUseCase({ timers: store, registry, clock: deps.clock });
  return {
    store,
    queue,
    scheduler,
    registry,
    fire,
    reconcile: (): Promise<TimerReconciliation> => reconcileTimers(scheduler),
  };
}

export interface TimerRole {
  reconciliation: TimerReconciliation;
  worker: TimerWorker;
  close(): Promise<void>;
}

/**
 * Workers role: fires due timers, after making the queue agree with the stored deadlines, and
 * sweeps the timers that come within the horizon into the queue.
 */
export async function startTimerRole(options: {
  timers: TimerServices;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  stalledIntervalMs?: number;
}): Promise<TimerRole> {
  const { timers, logger } = options;
  const worker = startTimerWorker({
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    fire: timers.fire,
    sweep: () => timers.scheduler.queueDue(),
    logger,
    ...(options.stalledIntervalMs ? { stalledIntervalMs: options.stalledIntervalMs } : {}),
  });
  try {
    const reconciliation = await timers.reconcile();
    await timers.queue.upsertJobScheduler(
      TIMER_SWEEP_SCHEDULER_ID,
      { every: timers.scheduler.sweepMs },
      { name: TIMER_SWEEP_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } },
    );
    logger.info(
      { ...reconciliation, families: timers.registry.families() },
      'timers reconciled: stored deadlines and queued jobs agree',
    );
    return { reconciliation, worker, close: () => worker.close() };
  } catch (error) {
    await worker.close();
    throw error;
  }
}
