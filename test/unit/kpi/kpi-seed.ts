import { sql } from 'drizzle-orm';
import type { Db } from '../../../adapters/db/database.js';
import { ticketEvents, tickets, type TicketInsert } from '../../../adapters/db/schema/index.js';
import type { CallFact, TicketFact } from '../../../core/kpi/index.js';

/** A deterministic pseudo-random sequence (mulberry32), so failures reproduce. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPARTMENTS = ['财务处', '教务处', '图书馆', null];
const CATEGORIES = ['电脑', '网络', '打印机', null];
const ENGINEERS = ['eng-a', 'eng-b', 'eng-c', null];

export interface SeededTicket {
  id: string;
  fact: TicketFact;
}

/** Tickets with every KPI-relevant field varied, spread over `from` … `from + days`. */
export function generateTickets(count: number, from: Date, days: number, seed = 7): SeededTicket[] {
  const rnd = randomSource(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const minutes = (d: Date, m: number) => new Date(d.getTime() + Math.round(m) * 60_000);
  return Array.from({ length: count }, (_, i) => {
    const reportedAt = new Date(from.getTime() + Math.floor(rnd() * days * 86_400_000));
    const dispatchCount = pick([0, 1, 1, 1, 2, 3]);
    const dispatchedAt = dispatchCount > 0 ? minutes(reportedAt, rnd() * 30) : null;
    const acknowledgedAt = dispatchedAt && rnd() < 0.85 ? minutes(dispatchedAt, rnd() * 20) : null;
    const arrivedAt = acknowledgedAt && rnd() < 0.6 ? minutes(acknowledgedAt, rnd() * 40) : null;
    const departedAt = arrivedAt && rnd() < 0.9 ? minutes(arrivedAt, rnd() * 120) : null;
    const resolvedAt = rnd() < 0.7 ? minutes(reportedAt, 60 + rnd() * 600) : null;
    const fact: TicketFact = {
      type: pick(['fault', 'fault', 'fault', 'request']),
      department: pick(DEPARTMENTS),
      category: pick(CATEGORIES),
      assigneeId: dispatchCount > 0 ? pick(ENGINEERS) : null,
      reportedAt,
      dispatchedAt,
      acknowledgedAt,
      arrivedAt,
      departedAt,
      resolvedAt,
      remote: resolvedAt ? pick([true, true, false, null]) : null,
      rating: resolvedAt && rnd() < 0.5 ? 1 + Math.floor(rnd() * 5) : null,
      dispatchCount,
      complained: rnd() < 0.05,
    };
    return { id: `kt-${seed}-${i}`, fact };
  });
}

function toRow(id: string, n: number, f: TicketFact): TicketInsert {
  return {
    id,
    number: `INC-20260301-${String(n).padStart(6, '0')}`,
    status: f.resolvedAt ? 'resolved' : f.dispatchedAt ? 'dispatched' : 'new',
    channel: 'web',
    type: f.type,
    priority: 'P3',
    category: f.category as TicketInsert['category'],
    title: 't',
    description: 'd',
    reporterName: 'r',
    reporterDepartment: f.department,
    assigneeId: f.assigneeId,
    dispatchCount: f.dispatchCount,
    reportedAt: f.reportedAt,
    createdAt: f.reportedAt,
    updatedAt: f.reportedAt,
    dispatchedAt: f.dispatchedAt,
    acknowledgedAt: f.acknowledgedAt,
    arrivedAt: f.arrivedAt,
    departedAt: f.departedAt,
    resolvedAt: f.resolvedAt,
    resolutionRemote: f.remote,
    rating: f.rating,
  };
}

export async function insertTickets(db: Db, seeded: SeededTicket[], firstNumber = 1): Promise<void> {
  for (let i = 0; i < seeded.length; i += 500) {
    const chunk = seeded.slice(i, i + 500);
    await db.insert(tickets).values(chunk.map((s, j) => toRow(s.id, firstNumber + i + j, s.fact)));
    const complaints = chunk.filter((s) => s.fact.complained);
    if (complaints.length > 0)
      await db.insert(ticketEvents).values(
        complaints.flatMap((s) =>
          // Two steps of one complaint still make one ticket complained about.
          ['submit', 'verify'].map((step) => ({
            ticketId: s.id,
            type: 'complaint' as const,
            at: s.fact.reportedAt,
            actorKind: 'reporter' as const,
            actorName: 'r',
            channel: 'web' as const,
            data: { step },
          })),
        ),
      );
  }
}

/** The calls table as agreed with the phone feature; created here when its migration is not in yet. */
export async function ensureCallsTable(db: Db): Promise<void> {
  await db.execute(sql`create table if not exists calls (
    id text primary key, source_id text unique, started_at timestamptz not null,
    answered_at timestamptz, ended_at timestamptz, caller text, callee text, disposition text,
    duration_s int, billsec_s int, is_desk_call boolean not null default true, ticket_id text)`);
}

export async function insertCalls(db: Db, calls: Array<CallFact & { caller: string }>): Promise<void> {
  let n = 0;
  for (const c of calls) {
    n += 1;
    await db.execute(sql`insert into calls (id, source_id, started_at, answered_at, ended_at, caller,
        callee, disposition, duration_s, billsec_s, is_desk_call)
      values (${`call-${n}`}, ${`src-${n}`}, ${c.startedAt}, ${c.answered ? c.startedAt : null},
        ${c.startedAt}, ${c.caller}, '88886666', ${c.disposition}, ${c.durationS}, 0, ${c.isDeskCall})`);
  }
}
