import type { Clock } from '../../ports/clock.port.js';
import type { Logger } from '../../ports/logger.port.js';
import { timerFamily, type TimerKey, type TimerStore } from '../../ports/timer-scheduler.port.js';
import { ok, err, type Result } from '../../shared/result.js';
import type { TimerRegistry } from '../../timers/timer-registry.js';
import { permanent, type UseCaseError } from '../use-case.errors.js';

export interface FireTimerDeps {
  timers: TimerStore;
  registry: TimerRegistry;
  clock: Clock;
  logger?: Logger;
}

export interface FireTimerCommand extends TimerKey {
  version: number;
}

export type FireTimerOutcome =
  { fired: true; lateMs: number } | { fired: false; why: 'moved' | 'cancelled' | 'done' | 'missing' };

/**
 * A due timer acts exactly once: the row is claimed pending → firing in one conditional UPDATE,
 * so two deliveries of one job (or a stale job of an earlier version) cannot both act. A worker
 * that dies after the claim leaves the row `firing`; the redelivered job (or start-up
 * reconciliation) runs the idempotent handler again and completes it: effects must be keyed
 * deterministically (notification ids, unique breach rows) so that re-run repeats nothing.
 */
export class FireTimerUseCase {
  constructor(private readonly deps: FireTimerDeps) {}

  async execute(cmd: FireTimerCommand): Promise<Result<FireTimerOutcome, UseCaseError>> {
    const { timers, registry, clock } = this.deps;
    const handler = registry.handlerFor(timerFamily(cmd.kind));
    if (!handler) return err(permanent('TIMER_NO_HANDLER', `No handler for timer kind ${cmd.kind}.`));
    let timer = await timers.claim(cmd, cmd.version);
    if (!timer) {
      const stored = await timers.find(cmd);
      if (!stored) return ok({ fired: false, why: 'missing' });
      if (stored.version !== cmd.version) return ok({ fired: false, why: 'moved' });
      if (stored.state === 'cancelled') return ok({ fired: false, why: 'cancelled' });
      if (stored.state === 'fired') return ok({ fired: false, why: 'done' });
      // `firing` with our version: the run that claimed it died before completing. A queue holds one
      // job per id and runs it once at a time, so this delivery is the only one left to finish it.
      timer = stored;
    }
    const firedAt = clock.now();
    await handler.fire(timer, firedAt);
    await timers.complete(cmd, cmd.version, firedAt);
    const lateMs = firedAt.getTime() - timer.dueAt.getTime();
    this.deps.logger?.debug({ ...cmd, lateMs }, 'timer fired');
    return ok({ fired: true, lateMs });
  }
}
