import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Job, JobType } from 'bullmq';
import { inject } from 'vitest';
import { createJiebaTokenizer } from '../../../adapters/classify/jieba-tokenizer.js';
import {
  DrizzlePersonRepository,
  DrizzleTicketRepository,
  openDatabase,
  type Database,
} from '../../../adapters/db/index.js';
import { BullmqJobScheduler } from '../../../adapters/queue/bullmq-job-scheduler.js';
import { QUEUES, notifyQueue } from '../../../adapters/queue/queue-names.js';
import type { DeskSettings } from '../../../core/desk/desk-settings.js';
import type { Channel } from '../../../core/inbound/channel.js';
import type { InboundMessage } from '../../../core/inbound/inbound-message.js';
import type { Clock } from '../../../core/ports/clock.port.js';
import type { Notification } from '../../../core/ports/job-scheduler.port.js';
import type { TicketRepository } from '../../../core/ports/ticket.repository.port.js';
import type { Ticket } from '../../../core/tickets/ticket.entity.js';
import { SYSTEM } from '../../../core/tickets/ticket-event.js';
import { transition } from '../../../core/tickets/ticket-lifecycle.js';
import type { TicketAction } from '../../../core/tickets/ticket-transitions.js';
import {
  ClassifyTicketUseCase,
  DispatchTicketUseCase,
  IngestMessageUseCase,
  RecordDeliveryUseCase,
} from '../../../core/use-cases/index.js';
import { CHANNELS } from '../../../core/inbound/channel.js';
import { SHIFT_NOW, shiftDesk } from './shift-desk.js';

const STATES: JobType[] = ['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed'];

/** Monday 2026-11-23, 10:00 in Asia/Shanghai: the 早 shift is on duty. */
export const fixedClock: Clock = { now: () => new Date(SHIFT_NOW) };

/**
 * Real collaborators for the use cases: PGlite in memory with the migrations applied, a BullmqJobScheduler
 * on the run's redis-server under a key prefix of this file's own, and no workers, so what a use case
 * queued stays in the queue to be looked at.
 */
export class UseCaseHarness {
  readonly tickets: DrizzleTicketRepository;
  readonly people: DrizzlePersonRepository;
  readonly scheduler: BullmqJobScheduler;

  private constructor(
    readonly database: Database,
    private readonly dataDir: string,
    readonly desk: DeskSettings,
    readonly clock: Clock,
  ) {
    this.tickets = new DrizzleTicketRepository(database.db);
    this.people = new DrizzlePersonRepository(database.db);
    this.scheduler = new BullmqJobScheduler({
      redisUrl: inject('redisUrl'),
      prefix: `uc-${randomUUID().slice(0, 8)}`,
    });
  }

  static async open(desk: DeskSettings = shiftDesk(), clock: Clock = fixedClock): Promise<UseCaseHarness> {
    const dataDir = await mkdtemp(join(tmpdir(), 'deskbot-use-cases-'));
    const database = await openDatabase({ dataDir, inMemory: true });
    await database.migrate();
    const h = new UseCaseHarness(database, dataDir, desk, clock);
    await h.people.syncRoster(desk.people);
    return h;
  }

  /** Empties the tables (the event log refuses TRUNCATE unless triggers are off) and loads the roster again. */
  async reset(): Promise<void> {
    await this.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(
        sql`truncate ticket_attachments, ticket_messages, ticket_events, tickets, ticket_counters, people restart identity cascade`,
      );
    });
    await this.people.syncRoster(this.desk.people);
  }

  ingest(tickets: TicketRepository = this.tickets): IngestMessageUseCase {
    return new IngestMessageUseCase({
      tickets,
      people: this.people,
      jobs: this.scheduler,
      clock: this.clock,
      desk: this.desk,
    });
  }

  classify(tickets: TicketRepository = this.tickets): ClassifyTicketUseCase {
    const tokenizer = createJiebaTokenizer(this.desk.categories.flatMap((c) => [c.name, ...c.keywords]));
    return new ClassifyTicketUseCase({
      tickets,
      people: this.people,
      jobs: this.scheduler,
      tokenizer,
      clock: this.clock,
      desk: this.desk,
    });
  }

  dispatch(
    enabledChannels: readonly Channel[] = ['web'],
    tickets: TicketRepository = this.tickets,
  ): DispatchTicketUseCase {
    return new DispatchTicketUseCase({
      tickets,
      people: this.people,
      jobs: this.scheduler,
      clock: this.clock,
      desk: this.desk,
      enabledChannels: new Set(enabledChannels),
    });
  }

  recordDelivery(): RecordDeliveryUseCase {
    return new RecordDeliveryUseCase({ tickets: this.tickets, clock: this.clock });
  }

  /** Jobs about one ticket in one queue, in any state. */
  async jobs(queue: string, ticketId: string): Promise<Job[]> {
    const all = await this.scheduler.queue(queue).getJobs(STATES);
    return all.filter((j) => (j.data as { ticketId?: unknown }).ticketId === ticketId);
  }

  async classifyJobs(ticketId: string): Promise<Job[]> {
    return this.jobs(QUEUES.classify, ticketId);
  }

  async dispatchJobs(ticketId: string): Promise<Job[]> {
    return this.jobs(QUEUES.dispatch, ticketId);
  }

  /** Every notification queued about a ticket, on every channel's queue, ordered by id. */
  async notifications(ticketId: string): Promise<Notification[]> {
    const perChannel = await Promise.all(CHANNELS.map((c) => this.jobs(notifyQueue(c), ticketId)));
    return perChannel
      .flat()
      .map((j) => j.data as Notification)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Simulates a crash after the database commit and before the next job was queued. */
  async forget(jobs: Job[]): Promise<void> {
    for (const j of jobs) await j.remove();
  }

  /** Ingest → classify → dispatch, as the workers would run them; returns the stored ticket. */
  async report(message: InboundMessage, enabledChannels: readonly Channel[] = ['web']): Promise<Ticket> {
    const ingested = await this.ingest().execute(message);
    if (!ingested.ok) throw new Error(ingested.error.message);
    const { ticketId } = ingested.value;
    const classified = await this.classify().execute(ticketId);
    if (!classified.ok) throw new Error(classified.error.message);
    const dispatched = await this.dispatch(enabledChannels).execute(ticketId);
    if (!dispatched.ok) throw new Error(dispatched.error.message);
    return this.ticket(ticketId);
  }

  async ticket(id: string): Promise<Ticket> {
    const t = await this.tickets.findById(id);
    if (!t) throw new Error(`ticket ${id} is not stored`);
    return t;
  }

  /** Walks a stored ticket through lifecycle actions as people would, saving each step. */
  async walk(id: string, actions: TicketAction[]): Promise<Ticket> {
    let t = await this.ticket(id);
    for (const action of actions) {
      const moved = transition(t, action, {
        at: this.clock.now(),
        actor: SYSTEM('test'),
        channel: 'system',
        ...(action === 'accept' ? { ownerId: 'desk-zao-1' } : {}),
        ...(action === 'dispatch' || action === 'reassign'
          ? { assigneeId: t.assigneeId === 'eng-print-l2' ? 'eng-print-zao' : 'eng-print-l2' }
          : {}),
      });
      if (!moved.ok) throw new Error(moved.error.message);
      const saved = await this.tickets.save(moved.value.ticket, [moved.value.event]);
      if (!saved.ok) throw new Error(saved.error.message);
      t = saved.value;
    }
    return t;
  }

  async close(): Promise<void> {
    await this.scheduler.close();
    await this.database.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
