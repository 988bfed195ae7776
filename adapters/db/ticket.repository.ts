import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Channel } from '../../core/inbound/index.js';
import type {
  CreateTicketInput,
  CreateTicketOutcome,
  NewTicketMessage,
  SaveOptions,
  TicketFilter,
  TicketMessage,
  TicketRepository,
} from '../../core/ports/index.js';
import type { Result } from '../../core/shared/index.js';
import type { StoredTicketEvent, Ticket, TicketError, TicketEvent } from '../../core/tickets/index.js';
import type { Db } from './database.js';
import { findTicketIdByMessage } from './create-ticket.js';
import { ticketAttachments, ticketMessages, tickets } from './schema/index.js';
import { batchTurnsFor, sqlRunnerFor, type SqlRunner } from './sql-runner.js';
import { ticketBatches, type TicketBatches } from './ticket-batches.js';
import { rowToMessage } from './ticket-message.mapper.js';
import { rowToTicket } from './ticket.mapper.js';

/**
 * The hot calls are coalesced with concurrent calls of the same kind into one statement each
 * (see ticketBatches); the rest are plain drizzle queries.
 */
export class DrizzleTicketRepository implements TicketRepository {
  private readonly run: SqlRunner;
  private readonly batches: TicketBatches;

  constructor(private readonly db: Db) {
    this.run = sqlRunnerFor(db);
    this.batches = ticketBatches(this.run, batchTurnsFor(db));
  }

  async findById(id: string): Promise<Ticket | null> {
    return this.batches.byId.submit(id);
  }

  async findByNumber(number: string): Promise<Ticket | null> {
    return this.batches.byNumber.submit(number);
  }

  async findTicketIdByMessage(channel: Channel, externalId: string): Promise<string | null> {
    return findTicketIdByMessage(this.run, channel, externalId);
  }

  /** See CREATE_TICKETS: the message is the idempotency gate, and duplicates burn no number. */
  async create(input: CreateTicketInput): Promise<CreateTicketOutcome> {
    return this.batches.create.submit(input);
  }

  /** The event is written only if the message was (see APPEND_MESSAGES). */
  async appendMessage(
    ticketId: string,
    message: NewTicketMessage,
    event: TicketEvent,
  ): Promise<{ added: boolean }> {
    return this.batches.appendMessage.submit({ ticketId, message, event });
  }

  /** See SAVE_TICKETS; only a save that matched no row asks why. */
  async save(
    ticket: Ticket,
    events: TicketEvent[],
    options?: SaveOptions,
  ): Promise<Result<Ticket, TicketError>> {
    const saved = await this.batches.save.submit({ ticket, events });
    if (saved.ok) options?.onStored?.();
    return saved;
  }

  async appendEvents(ticketId: string, events: TicketEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.batches.appendEvents.submit({ ticketId, events });
  }

  async events(ticketId: string): Promise<StoredTicketEvent[]> {
    return this.batches.events.submit(ticketId);
  }

  async messages(ticketId: string): Promise<TicketMessage[]> {
    const rows = await this.db
      .select()
      .from(ticketMessages)
      .where(eq(ticketMessages.ticketId, ticketId))
      .orderBy(asc(ticketMessages.at), asc(ticketMessages.id));
    if (rows.length === 0) return [];
    const attachments = await this.db
      .select()
      .from(ticketAttachments)
      .where(
        inArray(
          ticketAttachments.messageId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(ticketAttachments.id));
    return rows.map((r) =>
      rowToMessage(
        r,
        attachments.filter((a) => a.messageId === r.id),
      ),
    );
  }

  /** Empty arrays in the filter mean "any", like absent ones. */
  async list(filter: TicketFilter): Promise<{ tickets: Ticket[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.status?.length) conditions.push(inArray(tickets.status, filter.status));
    if (filter.channel?.length) conditions.push(inArray(tickets.channel, filter.channel));
    if (filter.category?.length) conditions.push(inArray(tickets.category, filter.category));
    if (filter.assigneeId !== undefined) conditions.push(eq(tickets.assigneeId, filter.assigneeId));
    if (filter.ownerId !== undefined) conditions.push(eq(tickets.ownerId, filter.ownerId));
    const where = conditions.length > 0 ? and(...conditions) : undefined;
    const [rows, [counted]] = await Promise.all([
      this.db
        .select()
        .from(tickets)
        .where(where)
        .orderBy(desc(tickets.createdAt), desc(tickets.number))
        .limit(filter.limit)
        .offset(filter.offset),
      this.db.select({ total: count() }).from(tickets).where(where),
    ]);
    return { tickets: rows.map(rowToTicket), total: counted?.total ?? 0 };
  }

  async openCountsByAssignee(personIds: string[]): Promise<Map<string, number>> {
    if (personIds.length === 0) return new Map();
    return this.batches.openByAssignee.submit(personIds);
  }

  async openCountsByOwner(personIds: string[]): Promise<Map<string, number>> {
    if (personIds.length === 0) return new Map();
    return this.batches.openByOwner.submit(personIds);
  }
}
