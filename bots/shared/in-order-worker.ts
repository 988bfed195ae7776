import { Worker, type Job, type JobJson } from 'bullmq';

/** The most jobs one fetch takes from Redis in a single round trip. */
export const MAX_FETCH_BATCH = 32;

/**
 * A worker that starts jobs strictly in queue order, each as soon as it is fetched, fetching a
 * backlog in batches.
 *
 * Order: BullMQ normally also fetches the next job while completing one (`processJob`'s fetchNext),
 * concurrently with its main loop's own fetch, and with concurrency above 1 that lets a job start
 * before the one queued ahead of it: the notifier test saw a room's messages swapped (the old 8-slot
 * notifier too). Here only the main loop fetches, one fetch at a time.
 *
 * Why more than that: BullMQ's main loop keeps fetching, one job per round trip, until a fetch comes
 * back empty or every slot is taken, and only then starts what it fetched. With a thousand slots and
 * messages arriving all the time, a backlog was fetched one round trip at a time and nothing was sent
 * until it was gone; and a round trip is only as quick as the process's event loop, which in the
 * one-process install the pipeline's database work holds for 65-300 ms at a time under load. The chat
 * bench measured acknowledgements waiting 0.2-4.5 s (p50) and up to 12.7 s (p95) between being queued
 * and being picked up. Now:
 * - after handing over a job, the next fetch returns nothing at once (no round trip), which makes the
 *   main loop start the job before fetching on;
 * - a fetch sends up to `MAX_FETCH_BATCH` moves to active together on the worker's one connection.
 *   Redis runs them in that order, so the batch is in queue order, and the main loop takes the rest
 *   one by one without another round trip. The batch doubles while batches come back full (a
 *   backlog) and falls back to what came when they do not, so a quiet queue costs one move per job
 *   as before, and it never exceeds the free slots, so what is fetched is started.
 */
export class InOrderWorker extends Worker {
  private readonly fetched: Job[] = [];
  private batch = 1;
  private held = 0;
  private collecting = false;
  private startFetched = false;

  override async processJob(job: Job, token: string) {
    this.held += 1;
    try {
      return await super.processJob(job, token, () => false);
    } finally {
      this.held -= 1;
    }
  }

  protected override async moveToActive(token: string, name?: string): Promise<Job> {
    // Undefined (an empty fetch) makes BullMQ's main loop start the job it was handed last.
    if (this.startFetched) {
      this.startFetched = false;
      return undefined as unknown as Job;
    }
    const next = this.fetched.shift();
    if (next) {
      this.startFetched = true;
      return next;
    }
    const size = Math.max(1, Math.min(this.batch, this.concurrency - this.held - 1));
    this.collecting = true;
    let results: Array<Job | undefined>;
    try {
      results = await Promise.all(
        Array.from({ length: size }, (_, i) => super.moveToActive(i === 0 ? token : `${token}:${i}`, name)),
      );
    } finally {
      this.collecting = false;
    }
    const jobs = results.filter((j): j is Job => j !== undefined);
    if (jobs.length === 0) await super.nextJobFromJobData(); // marks the worker drained, as a lone move would
    this.batch = jobs.length === size ? Math.min(MAX_FETCH_BATCH, size * 2) : Math.max(1, jobs.length);
    const [first, ...rest] = jobs;
    if (this.closing) await this.putBack(rest);
    else this.fetched.push(...rest);
    this.startFetched = first !== undefined;
    // Undefined when the queue was empty, as BullMQ's own returns.
    return first as Job;
  }

  /**
   * While a batch is collected, a move that found the queue empty must not mark the worker drained:
   * a drained worker waits on its blocking poll (up to drainDelay) before the next fetch, and the
   * jobs the batch's earlier moves found would wait with it. `moveToActive` marks it if none came.
   */
  protected override async nextJobFromJobData(
    jobData?: JobJson,
    jobId?: string,
    token?: string,
  ): Promise<Job> {
    if (!jobData && this.collecting) return undefined as unknown as Job;
    return super.nextJobFromJobData(jobData, jobId, token);
  }

  /** Jobs fetched while closing go back to the head of the queue, in their order, for the next consumer. */
  private async putBack(jobs: Job[]): Promise<void> {
    for (const job of [...jobs].reverse()) await job.moveToWait(job.token).catch(() => undefined);
  }
}
