import type {
  Clock,
  ComplaintRepository,
  FollowupQueries,
  TicketRepository,
} from '../../../core/ports/index.js';
import type {
  SubmitComplaintUseCase,
  TakeComplaintStepUseCase,
} from '../../../core/use-cases/complaints/index.js';
import type { HandOverShiftUseCase } from '../../../core/use-cases/handover/index.js';
import type { TicketActionsUseCase } from '../../../core/use-cases/ticket-actions/index.js';
import type { RateLimitOptions } from '../middleware/index.js';

/** What the follow-up routes (rating, callbacks, complaints, handovers) need; built by cli/runtime/followups-role. */
export interface FollowupUseCases {
  complaints: ComplaintRepository;
  queries: FollowupQueries;
  actions: Pick<TicketActionsUseCase, 'execute'>;
  submitComplaint: Pick<SubmitComplaintUseCase, 'execute'>;
  takeComplaintStep: Pick<TakeComplaintStepUseCase, 'execute'>;
  handOverShift: Pick<HandOverShiftUseCase, 'execute'>;
}

export interface FollowupRouteDeps {
  apiToken: string | null;
  tickets: TicketRepository;
  followups: FollowupUseCases;
  clock: Clock;
  deskName: string;
  timeZone: string;
  rateLimit: RateLimitOptions;
  newId: () => string;
}
