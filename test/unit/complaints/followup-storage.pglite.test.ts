import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleComplaintRepository } from '../../../adapters/db/complaint.repository.js';
import { DrizzleFollowupQueries } from '../../../adapters/db/followup-queries.js';
import { DrizzleHandoverRepository } from '../../../adapters/db/handover.repository.js';
import { DrizzleTicketRepository, openDatabase, type Database } from '../../../adapters/db/index.js';
import type { Complaint } from '../../../core/complaints/index.js';
import type { Handover } from '../../../core/handover/index.js';
import type { Ticket } from '../../../core/tickets/index.js';
import { createdEvent, DAY, message, newTicket } from '../../support/ticket-repository-contract/fixtures.js';

let database: Database;
let tickets: DrizzleTicketRepository;
let complaints: DrizzleComplaintRepository;
let handovers: DrizzleHandoverRepository;
let queries: DrizzleFollowupQueries;

beforeAll(async () => {
  database = await openDatabase({ dataDir: tmpdir(), inMemory: true });
  await database.migrate();
  tickets = new DrizzleTicketRepository(database.db);
  complaints = new DrizzleComplaintRepository(database.db);
  handovers = new DrizzleHandoverRepository(database.db);
  queries = new DrizzleFollowupQueries(database.db);
}, 60_000);
afterAll(async () => database.close());

/** A ticket stored as resolved (or closed) at `resolvedAt` with the given rating. */
async function resolved(
  resolvedAt: string,
  rating: number | null,
  assigneeId = 'eng-a',
  status: Ticket['status'] = 'resolved',
) {
  const created = await tickets.create({
    ticket: {
      ...newTicket(),
      status,
      assigneeId,
      resolvedAt: new Date(resolvedAt),
      rating,
      ratedAt: rating === null ? null : new Date(resolvedAt),
    },
    localDate: DAY,
    prefix: 'INC',
    message: message(randomUUID()),
    event: createdEvent(),
  });
  if (!created.created) throw new Error('not created');
  return created.ticket;
}

const T = new Date('2026-11-23T02:00:00.123Z');

function aComplaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    id: `CMP-${randomUUID().slice(0, 6)}`,
    sourceKey: `web:${randomUUID()}`,
    version: 1,
    status: 'submitted',
    ticketId: null,
    ticketNumber: null,
    channel: 'web',
    complainant: { personId: null, name: '张老师', address: 'zhang@example.edu.cn', conversationId: null },
    text: '态度不好 "quoted" 🙁',
    engineerId: 'eng-a',
    upheld: null,
    decision: null,
    rating: null,
    steps: [{ step: 'submit', at: T, actor: { kind: 'complainant', id: null, name: '张老师' }, note: null }],
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

describe('complaints table', () => {
  it('stores and reads a complaint through Drizzle, every field as written', async () => {
    const t = await resolved('2026-11-23T01:00:00Z', 1);
    const c = aComplaint({ ticketId: t.id, ticketNumber: t.number });
    const first = await complaints.create(c);
    expect(first.created).toBe(true);
    expect(await complaints.findById(c.id)).toEqual(c);
  });

  it('files one complaint per source key', async () => {
    const c = aComplaint();
    await complaints.create(c);
    const again = await complaints.create({ ...c, id: 'CMP-OTHER', text: 'different' });
    expect(again).toEqual({ created: false, complaint: c });
    expect(await complaints.findById('CMP-OTHER')).toBeNull();
  });

  it('saves only on the version read, then bumps it', async () => {
    const c = aComplaint();
    await complaints.create(c);
    const at = new Date(T.getTime() + 1000);
    const changed: Complaint = {
      ...c,
      status: 'verified',
      updatedAt: at,
      steps: [
        ...c.steps,
        { step: 'verify', at, actor: { kind: 'person', id: 'desk-a', name: '王' }, note: '属实' },
      ],
    };
    const saved = await complaints.save(changed);
    expect(saved.saved && saved.complaint.version).toBe(2);
    expect(await complaints.save(changed)).toEqual({ saved: false, stale: true });
    expect((await complaints.findById(c.id))?.steps[1]?.at).toEqual(at);
    const listed = await complaints.list({ status: ['verified'], limit: 10, offset: 0 });
    expect(listed.complaints.map((x) => x.id)).toContain(c.id);
    expect(listed.total).toBeGreaterThanOrEqual(1);
  });

  it('refuses a status outside the process and a rating outside 1–5', async () => {
    await expect(complaints.create(aComplaint({ status: 'lost' as never }))).rejects.toThrow();
    await expect(complaints.create(aComplaint({ rating: 9 }))).rejects.toThrow();
  });
});

describe('handovers table', () => {
  it('records a handover once per source key and lists it for both people', async () => {
    const h: Handover = {
      id: `HO-${randomUUID().slice(0, 8)}`,
      sourceKey: `api:${randomUUID()}`,
      fromId: 'desk-a',
      fromName: '王',
      toId: 'desk-b',
      toName: '李',
      shift: '早-中',
      notes: '打印机配件明早到',
      items: [
        {
          ticketId: 't1',
          ticketNumber: 'INC-20261123-0001',
          status: 'pending',
          latestProgress: '等厂家',
          latestAt: T,
        },
        {
          ticketId: 't2',
          ticketNumber: 'INC-20261123-0002',
          status: 'accepted',
          latestProgress: '状态：accepted',
          latestAt: null,
        },
      ],
      at: T,
    };
    expect(await handovers.record(h)).toEqual({ created: true, handover: h });
    expect(await handovers.record({ ...h, id: 'HO-2', notes: null })).toEqual({
      created: false,
      handover: h,
    });
    const window = [new Date('2026-11-23T00:00:00Z'), new Date('2026-11-24T00:00:00Z')] as const;
    expect(await handovers.listFor('desk-b', ...window)).toEqual([h]);
    expect(await handovers.listFor('desk-a', ...window)).toEqual([h]);
    expect(await handovers.listFor('desk-c', ...window)).toEqual([]);
  });
});

describe('callback list and engineer assessment', () => {
  it('lists unrated and low-rated tickets resolved in the period; averages ratings and counts upheld complaints per engineer', async () => {
    const day = { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-02T00:00:00Z') };
    const unrated = await resolved('2026-12-01T01:00:00Z', null, 'eng-x');
    const low = await resolved('2026-12-01T02:00:00Z', 2, 'eng-x', 'closed');
    await resolved('2026-12-01T03:00:00Z', 5, 'eng-x', 'closed');
    await resolved('2026-12-01T04:00:00Z', 3, 'eng-y', 'closed');
    await resolved('2026-12-02T00:00:00Z', null, 'eng-x'); // the next day: outside
    const list = await queries.callbackList(day);
    expect(list.map((c) => [c.ticketNumber, c.reason])).toEqual([
      [unrated.number, 'unrated'],
      [low.number, 'low_rating'],
    ]);
    expect(list[0]?.resolvedAt).toEqual(new Date('2026-12-01T01:00:00Z'));

    const at = new Date('2026-12-01T05:00:00Z');
    await complaints.create(
      aComplaint({ engineerId: 'eng-x', upheld: true, status: 'decided', createdAt: at, updatedAt: at }),
    );
    await complaints.create(
      aComplaint({ engineerId: 'eng-x', upheld: false, status: 'decided', createdAt: at, updatedAt: at }),
    );
    await complaints.create(aComplaint({ engineerId: 'eng-z', createdAt: at, updatedAt: at }));
    const rows = await queries.engineerAssessment(day);
    expect(rows).toEqual([
      {
        engineerId: 'eng-x',
        resolved: 3,
        rated: 2,
        meanRating: 3.5,
        lowRatings: 1,
        complaints: 2,
        complaintsUpheld: 1,
      },
      {
        engineerId: 'eng-y',
        resolved: 1,
        rated: 1,
        meanRating: 3,
        lowRatings: 0,
        complaints: 0,
        complaintsUpheld: 0,
      },
      {
        engineerId: 'eng-z',
        resolved: 0,
        rated: 0,
        meanRating: null,
        lowRatings: 0,
        complaints: 1,
        complaintsUpheld: 0,
      },
    ]);
  });
});
