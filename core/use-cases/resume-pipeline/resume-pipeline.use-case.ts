import type { JobScheduler, PipelineJob } from '../../ports/job-scheduler.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import type { Ticket } from '../../tickets/ticket.entity.js';

export interface ResumeSummary {
  /** Tickets looked at (status new, or accepted and never dispatched). */
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
      const { tickets } = await this.deps.tickets.list({ status: ['new', 'accepted'], limit: PAGE, offset });
      for (const t of tickets) {
        const step = await this.nextStep(t);
        if (!step) continue;
        summary.checked += 1;
        const outcome = await this.deps.jobs.requeue(step);
        if (outcome !== 'pending') summary[outcome] += 1;
      }
      if (tickets.length < PAGE) return summary;
    }
  }

  private async nextStep(t: Ticket): Promise<PipelineJob | null> {
    if (t.status === 'new') return { kind: 'classify', ticketId: t.id };
    if (t.dispatchCount > 0) return null;
    // Left with the desk on purpose (nobody suitable): that is a human's move now.
    const events = await this.deps.tickets.events(t.id);
    return events.some((e) => e.type === 'triage_needed') ? null : { kind: 'dispatch', ticketId: t.id };
  }
}
