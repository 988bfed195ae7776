import type { DeskSettings } from '../../desk/desk-settings.js';
import { peopleOnShift } from '../../dispatch/shift-calendar.js';
import type { Clock } from '../../ports/clock.port.js';
import type { PersonRepository } from '../../ports/person.repository.port.js';
import type { TicketRepository } from '../../ports/ticket.repository.port.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import { TICKET_ERROR_CODES } from '../../tickets/ticket.errors.js';
import { permanent, retryable } from '../use-case.errors.js';
import { planTicketAction } from './plan-ticket-action.js';
import type { TicketActionError } from './ticket-action.errors.js';
import type { TicketActionDone, TicketActionInput } from './ticket-action.types.js';

export interface TicketActionsDeps {
  tickets: TicketRepository;
  people: PersonRepository;
  clock: Clock;
  desk: Pick<DeskSettings, 'shifts' | 'rota' | 'timezone'>;
}

/** Another writer (the dispatcher, a second engineer) may save in between; we re-plan from fresh state. */
const ATTEMPTS = 3;

/**
 * Every engineer, reporter and system action on one ticket (接单 到达 进展 挂起 恢复 转派 升级 完成
 * 取消 评价), table-driven through the lifecycle's transition(). Authorisation is the caller's
 * business (the chat command policy, the API token): this use case only enforces what the ticket
 * itself allows, so the SLA timers can escalate as SYSTEM('sla').
 */
export class TicketActionsUseCase {
  constructor(private readonly deps: TicketActionsDeps) {}

  async execute(input: TicketActionInput): Promise<Result<TicketActionDone, TicketActionError>> {
    for (let attempt = 1; ; attempt++) {
      const ticket = await this.load(input.ticket);
      if (!ticket) {
        const ref = 'id' in input.ticket ? input.ticket.id : input.ticket.number;
        return err(permanent(TICKET_ERROR_CODES.NOT_FOUND, `没有工单 ${ref}。`, { ref }));
      }
      const now = this.deps.clock.now();
      const people = await this.deps.people.list();
      const escalating = input.request.action === 'escalate';
      const engineers = people.filter((p) => p.role === 'engineer').map((p) => p.id);
      const plan = planTicketAction(ticket, input, {
        now,
        people,
        onShift: escalating ? peopleOnShift(this.deps.desk, now) : new Set(),
        openCounts: escalating ? await this.deps.tickets.openCountsByAssignee(engineers) : new Map(),
      });
      if (!plan.ok) return plan;
      const saved = await this.deps.tickets.save(plan.value.ticket, plan.value.events);
      if (saved.ok) return ok({ ticket: saved.value, events: plan.value.events });
      if (saved.error.code !== TICKET_ERROR_CODES.CONCURRENT_UPDATE || attempt >= ATTEMPTS)
        return err(retryable(saved.error.code, `工单 ${ticket.number} 正被他人同时修改，请稍后再试。`));
    }
  }

  private load(ref: TicketActionInput['ticket']): Promise<Ticket | null> {
    return 'id' in ref
      ? this.deps.tickets.findById(ref.id)
      : this.deps.tickets.findByNumber(ref.number.toUpperCase());
  }
}
