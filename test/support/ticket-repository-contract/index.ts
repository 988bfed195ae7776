import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import {
  DrizzlePersonRepository,
  DrizzleTicketRepository,
  type Database,
} from '../../../adapters/db/index.js';
import type { Ticket } from '../../../core/tickets/index.js';
import { batchedStatementsCases } from './batched-statements.cases.js';
import { concurrentBurstsCases } from './concurrent-bursts.cases.js';
import type { ContractContext, CreateOverrides } from './context.js';
import { createCases } from './create.cases.js';
import { createdEvent, DAY, message, newTicket } from './fixtures.js';
import { messagesAndEventsCases } from './messages-and-events.cases.js';
import { migrationsCases } from './migrations.cases.js';
import { peopleCases } from './people.cases.js';
import { queriesCases } from './queries.cases.js';
import { saveCases } from './save.cases.js';

export type { ContractContext } from './context.js';
export { createdEvent, errorText, message, newTicket } from './fixtures.js';

/**
 * The storage contract, run against every driver: a factory opens a fresh, migrated database.
 * Tables are emptied before each test (with triggers off, since the event log refuses TRUNCATE).
 */
export function ticketRepositoryContract(label: string, open: () => Promise<Database>): void {
  describe(label, { timeout: 60_000 }, () => {
    let database: Database;
    let repo: DrizzleTicketRepository;
    let people: DrizzlePersonRepository;

    beforeAll(async () => {
      database = await open();
      repo = new DrizzleTicketRepository(database.db);
      people = new DrizzlePersonRepository(database.db);
    }, 120_000);
    afterAll(async () => database?.close());
    beforeEach(async () => {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(
          sql`truncate ticket_attachments, ticket_messages, ticket_events, tickets, ticket_counters, people restart identity cascade`,
        );
      });
    });

    const create = (overrides: CreateOverrides = {}) =>
      repo.create({
        ticket: newTicket(),
        localDate: DAY,
        prefix: 'INC',
        message: message(overrides.externalId ?? `m-${Math.random()}`),
        event: createdEvent(),
        ...overrides,
      });
    const createOk = async (overrides: CreateOverrides = {}): Promise<Ticket> => {
      const outcome = await create(overrides);
      if (!outcome.created) throw new Error('expected a new ticket');
      return outcome.ticket;
    };
    const countTickets = async () => (await repo.list({ limit: 1, offset: 0 })).total;

    // Getters, because the cases are declared before beforeAll has opened anything.
    const ctx: ContractContext = {
      get database() {
        return database;
      },
      get repo() {
        return repo;
      },
      get people() {
        return people;
      },
      create,
      createOk,
      countTickets,
    };

    createCases(ctx);
    messagesAndEventsCases(ctx);
    saveCases(ctx);
    queriesCases(ctx);
    concurrentBurstsCases(ctx);
    batchedStatementsCases(ctx);
    peopleCases(ctx);
    migrationsCases(ctx);
  });
}
