import type { JobScheduler, PipelineJob } from '../../core/ports/job-scheduler.port.js';
import type { Logger } from '../../core/ports/logger.port.js';
import type { Result } from '../../core/shared/result.js';
import type { UseCaseError } from '../../core/use-cases/use-case.errors.js';

/** The pipeline steps a worker process can run in place of queueing them. */
export interface InlineSteps {
  classify(ticketId: string): Promise<Result<unknown, UseCaseError>>;
  dispatch(ticketId: string): Promise<Result<unknown, UseCaseError>>;
  /** Web notifications are delivered by recording them on the ticket. */
  deliverWeb(job: Extract<PipelineJob, { kind: 'notify' }>): Promise<Result<unknown, UseCaseError>>;
}

/**
 * A JobScheduler for worker processes that runs the next pipeline step at once, in the job that
 * produced it, and queues it only when that attempt does not succeed.
 *
 * Why: a ticket used to cost four BullMQ jobs and four hops through Redis (intake → classify →
 * dispatch → notify-web); done in place it costs one, which is most of the pipeline's overhead.
 * Nothing about correctness changes: every step is idempotent and safe to run again, the queued
 * path is the same code, and a failure (a concurrent update, a lost connection) falls back to the
 * queue, which retries with backoff exactly as before. A crash in the middle leaves the intake job
 * unfinished; its redelivery re-emits the next step, and start-up resume covers the rest.
 */
export class InlinePipelineScheduler implements JobScheduler {
  private steps: InlineSteps | null = null;

  constructor(
    private readonly queue: JobScheduler,
    private readonly logger: Logger,
  ) {}

  /** Set once the use cases exist (they need this scheduler to be built first). */
  attach(steps: InlineSteps): void {
    this.steps = steps;
  }

  async enqueue(job: PipelineJob): Promise<void> {
    const attempt = this.inline(job);
    if (attempt) {
      try {
        const result = await attempt;
        if (result.ok) return;
        this.logger.debug({ job: job.kind, code: result.error.code }, 'inline step failed; queueing it');
      } catch (error) {
        this.logger.warn({ job: job.kind, err: (error as Error).message }, 'inline step threw; queueing it');
      }
    }
    await this.queue.enqueue(job);
  }

  requeue(job: PipelineJob): Promise<'added' | 'retried' | 'pending'> {
    return this.queue.requeue(job);
  }

  private inline(job: PipelineJob): Promise<Result<unknown, UseCaseError>> | null {
    const steps = this.steps;
    if (!steps) return null;
    switch (job.kind) {
      case 'classify':
        return steps.classify(job.ticketId);
      case 'dispatch':
        return steps.dispatch(job.ticketId);
      case 'notify':
        return job.notification.channel === 'web' ? steps.deliverWeb(job) : null;
      default:
        return null;
    }
  }
}
