import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Channel } from '../../core/inbound/index.js';
import type {
  CreateTicketInput,
  CreateTicketOutcome,
  NewTicketMessage,
  TicketFilter,
  TicketMessage,
  TicketRepository,
} from '../../core/ports/index.js';
import { err, ok, type Result } from '../../core/shared/index.js';
import {
  TICKET_ERROR_CODES,
  ticketNotFound,
  type StoredTicketEvent,
  type Ticket,
  type TicketError,
  type TicketEvent,
} from '../../core/tickets/index.js';
import type { Db } from './database.js';
import { createTicket, findTicketIdByMessage } from './create-ticket.js';
import { insertMessageCtes, MESSAGE_PARAM_COUNT, messageParams } from './insert-message.js';
import {
  ticketAttachments,
  ticketMessages,
  tickets,
  type TicketEventRow,
  type TicketRow,
} from './schema/index.js';
import { sqlRunnerFor, type SqlRunner, type Statement } from './sql-runner.js';
import { rowToEvent } from './ticket-event.mapper.js';
import { eventsJson, insertEventsSql } from './ticket-event.sql.js';
import { rowToMessage } from './ticket-message.mapper.js';
import { rowToTicket } from './ticket.mapper.js';
import {
  APPEND_EVENTS,
  OPEN_COUNTS_BY_ASSIGNEE,
  OPEN_COUNTS_BY_OWNER,
  SAVE_TICKET,
  saveTicketParams,
  storedTicket,
  TICKET_BY_ID,
  TICKET_BY_NUMBER,
  TICKET_EVENTS,
  TICKET_VERSION,
} from './ticket.sql.js';

/** Params: the message's (see insertMessageCtes), then the event as JSON. */
const APPEND_MESSAGE: Statement = {
  name: 'deskbot_ticket_append_message',
  text: `with ${insertMessageCtes(1)}, added as (
    ${insertEventsSql({ param: `$${MESSAGE_PARAM_COUNT + 1}`, ticketId: '$1::text', from: 'message' })}
  )
  select id from message`,
};

export class DrizzleTicketRepository implements TicketRepository {
  private readonly run: SqlRunner;

  constructor(private readonly db: Db) {
    this.run = sqlRunnerFor(db);
  }

  async findById(id: string): Promise<Ticket | null> {
    const [row] = await this.run<TicketRow>(TICKET_BY_ID, [id]);
    return row ? rowToTicket(row) : null;
  }

  async findByNumber(number: string): Promise<Ticket | null> {
    const [row] = await this.run<TicketRow>(TICKET_BY_NUMBER, [number]);
    return row ? rowToTicket(row) : null;
  }

  async findTicketIdByMessage(channel: Channel, externalId: string): Promise<string | null> {
    return findTicketIdByMessage(this.run, channel, externalId);
  }

  /** See createTicket: the message is the idempotency gate, and duplicates burn no number. */
  async create(input: CreateTicketInput): Promise<CreateTicketOutcome> {
    return createTicket(this.run, input);
  }

  /** One statement: the event is written only if the message was (see insertMessageCtes). */
  async appendMessage(
    ticketId: string,
    message: NewTicketMessage,
    event: TicketEvent,
  ): Promise<{ added: boolean }> {
    const rows = await this.run(APPEND_MESSAGE, [...messageParams(ticketId, message), eventsJson([event])]);
    return { added: rows.length > 0 };
  }

  /** One statement (SAVE_TICKET); only a save that matched no row asks why. */
  async save(ticket: Ticket, events: TicketEvent[]): Promise<Result<Ticket, TicketError>> {
    const [row] = await this.run<{ version: number }>(SAVE_TICKET, saveTicketParams(ticket, events));
    if (row) return ok(storedTicket(ticket, { id: ticket.id, number: ticket.number, version: row.version }));
    const [stored] = await this.run<{ version: number }>(TICKET_VERSION, [ticket.id]);
    if (!stored) return err(ticketNotFound(ticket.number));
    return err({
      code: TICKET_ERROR_CODES.CONCURRENT_UPDATE,
      message: `Ticket ${ticket.number} was changed meanwhile (version ${stored.version}, not ${ticket.version}); reload and retry.`,
      details: { ticketId: ticket.id, expectedVersion: ticket.version, storedVersion: stored.version },
    });
  }

  async appendEvents(ticketId: string, events: TicketEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.run(APPEND_EVENTS, [ticketId, eventsJson(events)]);
  }

  async events(ticketId: string): Promise<StoredTicketEvent[]> {
    const rows = await this.run<TicketEventRow>(TICKET_EVENTS, [ticketId]);
    return rows.map(rowToEvent);
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
    return this.openCounts(OPEN_COUNTS_BY_ASSIGNEE, personIds);
  }

  async openCountsByOwner(personIds: string[]): Promise<Map<string, number>> {
    return this.openCounts(OPEN_COUNTS_BY_OWNER, personIds);
  }

  private async openCounts(statement: Statement, personIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (personIds.length === 0) return counts;
    const rows = await this.run<{ personId: string; open: number }>(statement, [personIds]);
    for (const row of rows) counts.set(row.personId, row.open);
    return counts;
  }
}
