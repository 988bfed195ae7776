import type { JobScheduler } from '../../ports/job-scheduler.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import { pipelineNextStep, UNFINISHED_PIPELINE_STATUSES } from './pipeline-next-step.js';

export interface ResumeSummary {
  /** Tickets with a step left (see pipelineNextStep). */
  checked: number;
  /** Their next step had no job at all: queued now. */
  added: number;
  /** Their next step had given up after its retries: started again. */
  retried: number;
}

const PAGE = 500;

/**
 * Run when workers start: every ticket whose next pipeline step is not done gets that step queued,
 * or revived if it gave up (say the database was down longer than the retries last). Steps that
 * are queued or running are left alone; each step is idempotent, so this can never do work twice.
 */
export class ResumePipelineUseCase {
  constructor(private readonly deps: { tickets: TicketRepository; jobs: JobScheduler }) {}

  async execute(): Promise<ResumeSummary> {
    const summary: ResumeSummary = { checked: 0, added: 0, retried: 0 };
    for (let offset = 0; ; offset += PAGE) {
      const { tickets } = await this.deps.tickets.list({
        status: [...UNFINISHED_PIPELINE_STATUSES],
        limit: PAGE,
        offset,
      });
      for (const t of tickets) {
        const step =
          t.status === 'new'
            ? pipelineNextStep(t, [])
            : pipelineNextStep(t, await this.deps.tickets.events(t.id));
        if (!step) continue;
        summary.checked += 1;
        const outcome = await this.deps.jobs.requeue(step);
        if (outcome !== 'pending') summary[outcome] += 1;
      }
      if (tickets.length < PAGE) return summary;
    }
  }
}
