import type {
  Database,
  DrizzlePersonRepository,
  DrizzleTicketRepository,
} from '../../../adapters/db/index.js';
import type { CreateTicketInput, CreateTicketOutcome } from '../../../core/ports/index.js';
import type { Ticket } from '../../../core/tickets/index.js';

export type CreateOverrides = Partial<CreateTicketInput> & { externalId?: string };

/**
 * What every area of the contract shares. The fields are filled in beforeAll, after the cases are
 * declared, so read them inside a test (ctx.repo), never destructure them at declaration time.
 */
export interface ContractContext {
  readonly database: Database;
  readonly repo: DrizzleTicketRepository;
  readonly people: DrizzlePersonRepository;
  readonly create: (overrides?: CreateOverrides) => Promise<CreateTicketOutcome>;
  readonly createOk: (overrides?: CreateOverrides) => Promise<Ticket>;
  readonly countTickets: () => Promise<number>;
}
