import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import {
  DrizzlePersonRepository,
  DrizzleTicketRepository,
  openDatabase,
  type Database,
} from '../../../adapters/db/index.js';
import { DrizzleTicketQueries } from '../../../adapters/db/ticket-queries.repository.js';
import type { DeskSettings } from '../../../core/desk/desk-settings.js';
import type { Person } from '../../../core/desk/person.js';
import type { Clock } from '../../../core/ports/clock.port.js';
import { localDate } from '../../../core/shared/local-time.js';
import type { NewTicket, Ticket } from '../../../core/tickets/ticket.entity.js';
import { SYSTEM } from '../../../core/tickets/ticket-event.js';
import { transition } from '../../../core/tickets/ticket-lifecycle.js';
import type { TicketAction } from '../../../core/tickets/ticket-transitions.js';
import { RunChatCommandUseCase } from '../../../core/use-cases/chat-command/index.js';
import { TicketActionsUseCase } from '../../../core/use-cases/ticket-actions/index.js';
import { newTicket } from '../../support/ticket-repository-contract/fixtures.js';
import { person, testDesk } from '../../support/test-desk.js';

/** Monday 2026-11-23 10:00 in Asia/Shanghai. */
export const NOW = new Date('2026-11-23T02:00:00Z');

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(public at: Date = NOW) {}
  now(): Date {
    return this.at;
  }
  set(iso: string | Date): void {
    this.at = new Date(iso);
  }
}

/** testDesk() plus an L3 printer expert, an auditor, a reporter on WeChat and an off-duty L3. */
export function actionDesk(): DeskSettings {
  const base = testDesk();
  const extra: Person[] = [
    person({
      id: 'eng-print-l3',
      name: '王专家',
      role: 'engineer',
      level: 3,
      skills: ['打印机'],
      areas: ['*'],
    }),
    person({ id: 'aud', name: '陈稽查', role: 'auditor', wechatId: 'wx-aud' }),
    person({
      id: 'eng-net-l3',
      name: '周网络专家',
      role: 'engineer',
      level: 3,
      skills: ['网络'],
      areas: ['*'],
    }),
  ];
  const people = [
    ...base.people.map((p) => (p.id === 'eng-print' ? { ...p, wechatId: 'wx-print' } : p)),
    ...extra,
  ];
  const onDuty = people.filter((p) => p.role !== 'reporter' && p.id !== 'eng-net-l3').map((p) => p.id);
  return {
    ...base,
    people,
    rota: [{ shift: '全天', people: onDuty, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] }],
  };
}

/** PGlite in memory with the migrations, the real repositories and the use cases under test. */
export class ActionHarness {
  readonly tickets: DrizzleTicketRepository;
  readonly people: DrizzlePersonRepository;
  readonly queries: DrizzleTicketQueries;
  readonly clock = new ManualClock();

  private constructor(
    readonly database: Database,
    private readonly dir: string,
    readonly desk: DeskSettings,
  ) {
    this.tickets = new DrizzleTicketRepository(database.db);
    this.people = new DrizzlePersonRepository(database.db);
    this.queries = new DrizzleTicketQueries(database.db);
  }

  static async open(desk: DeskSettings = actionDesk()): Promise<ActionHarness> {
    const dir = await mkdtemp(join(tmpdir(), 'deskbot-actions-'));
    const database = await openDatabase({ dataDir: dir, inMemory: true });
    await database.migrate();
    const h = new ActionHarness(database, dir, desk);
    await h.people.syncRoster(desk.people);
    return h;
  }

  async reset(): Promise<void> {
    this.clock.set(NOW);
    await this.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(
        sql`truncate ticket_attachments, ticket_messages, ticket_events, tickets, ticket_counters restart identity cascade`,
      );
    });
  }

  actions(): TicketActionsUseCase {
    return new TicketActionsUseCase({
      tickets: this.tickets,
      people: this.people,
      clock: this.clock,
      desk: this.desk,
    });
  }

  chat(extra: Partial<ConstructorParameters<typeof RunChatCommandUseCase>[0]> = {}): RunChatCommandUseCase {
    return new RunChatCommandUseCase({
      tickets: this.tickets,
      people: this.people,
      queries: this.queries,
      actions: this.actions(),
      clock: this.clock,
      desk: this.desk,
      ...extra,
    });
  }

  /** A stored ticket (category 打印机 unless said), then walked through `steps` as the desk/dispatcher would. */
  async ticket(
    steps: TicketAction[] = ['accept', 'dispatch'],
    fields: Partial<NewTicket> = {},
    assigneeId = 'eng-print',
  ): Promise<Ticket> {
    const at = this.clock.now();
    const draft: NewTicket = {
      ...newTicket(),
      category: '打印机',
      location: '行政楼305',
      conversationId: 'room-1',
      reporter: { ...newTicket().reporter, name: '李同学', wechatId: 'wx-li' },
      reportedAt: at,
      createdAt: at,
      updatedAt: at,
      ...fields,
    };
    const created = await this.tickets.create({
      ticket: draft,
      localDate: localDate(at, this.desk.timezone),
      prefix: 'INC',
      message: {
        channel: draft.channel,
        externalId: randomUUID(),
        direction: 'in',
        senderName: draft.reporter.name,
        senderPersonId: null,
        subject: null,
        text: draft.description,
        at,
        attachments: [],
      },
      event: {
        type: 'created',
        at,
        actor: { kind: 'reporter', id: null, name: draft.reporter.name },
        channel: draft.channel,
        fromStatus: null,
        toStatus: 'new',
        data: {},
      },
    });
    if (!created.created) throw new Error('not created');
    let t = created.ticket;
    for (const action of steps) {
      const moved = transition(t, action, {
        at: this.clock.now(),
        actor: SYSTEM(action === 'dispatch' ? 'dispatcher' : 'test'),
        channel: 'system',
        ownerId: 'desk-a',
        assigneeId,
      });
      if (!moved.ok) throw new Error(moved.error.message);
      const saved = await this.tickets.save(moved.value.ticket, [moved.value.event]);
      if (!saved.ok) throw new Error(saved.error.message);
      t = saved.value;
    }
    return t;
  }

  async reload(id: string): Promise<Ticket> {
    const t = await this.tickets.findById(id);
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }

  async eventTypes(id: string): Promise<string[]> {
    return (await this.tickets.events(id)).map((e) => e.type);
  }

  async close(): Promise<void> {
    await this.database.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
