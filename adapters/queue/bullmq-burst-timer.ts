import type { BurstTimer } from '../../core/ports/burst-timer.port.js';
import type { BullmqJobScheduler } from './bullmq-job-scheduler.js';
import { QUEUES } from './queue-names.js';
import { safeJobId } from './queue-payloads.js';

/**
 * A delayed job per (draft, closing time). The id is deterministic, so scheduling the same end twice
 * is one job; a window that moved gets a new job, and the stale one finds the draft still open and
 * later than itself (CloseBurstUseCase re-arms instead of closing).
 */
export class BullmqBurstTimer implements BurstTimer {
  constructor(
    private readonly scheduler: BullmqJobScheduler,
    private readonly now: () => number = Date.now,
  ) {}

  async schedule(draftId: string, at: Date): Promise<void> {
    const delay = Math.max(0, at.getTime() - this.now());
    await this.scheduler
      .queue(QUEUES.chatBurst)
      .add('burst', { draftId }, { jobId: safeJobId('burst', draftId, String(at.getTime())), delay });
  }
}
