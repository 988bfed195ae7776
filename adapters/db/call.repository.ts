import type { CallRecord, Disposition } from '../../core/phone/index.js';
import type {
  CallImportCounts,
  CallRepository,
  CallUpsertOutcome,
  StoredCall,
} from '../../core/ports/index.js';
import { booleanArrayLiteral, numberArrayLiteral, textArrayLiteral } from './array-literal.js';
import type { Db } from './database.js';
import {
  answeredDeskCallsEndingIn,
  callById,
  callBySourceId,
  importCalls,
  linkCallTicket,
  linkUnlinkedCallTicket,
  markCallCallback,
  upsertCalls,
} from './call.sql.js';
import { sqlRunnerFor, type SqlRunner } from './sql-runner.js';

interface CallDbRow {
  id: string;
  source_id: string;
  started_at: Date;
  answered_at: Date | null;
  ended_at: Date;
  caller: string;
  callee: string;
  disposition: string;
  duration_s: number;
  billsec_s: number;
  is_desk_call: boolean;
  ticket_id: string | null;
  callback_person_id: string | null;
}

const toCall = (r: CallDbRow): StoredCall => ({
  id: r.id,
  sourceId: r.source_id,
  startedAt: r.started_at,
  answeredAt: r.answered_at,
  endedAt: r.ended_at,
  caller: r.caller,
  callee: r.callee,
  disposition: r.disposition as Disposition,
  durationS: r.duration_s,
  billsecS: r.billsec_s,
  isDeskCall: r.is_desk_call,
  ticketId: r.ticket_id,
  callbackPersonId: r.callback_person_id,
});

/** Calls in PostgreSQL (server or PGlite); a batch is one statement over parallel arrays. */
export class DrizzleCallRepository implements CallRepository {
  private readonly run: SqlRunner;

  constructor(db: Db) {
    this.run = sqlRunnerFor(db);
  }

  async upsertMany(batch: CallRecord[]): Promise<CallUpsertOutcome> {
    if (batch.length === 0) return { inserted: [], updated: [], unchanged: [] };
    const rows = await this.run<CallDbRow & { inserted: boolean }>(upsertCalls, [
      batch.map((c) => c.sourceId),
      batch.map((c) => c.startedAt),
      batch.map((c) => c.answeredAt),
      batch.map((c) => c.endedAt),
      batch.map((c) => c.caller),
      batch.map((c) => c.callee),
      batch.map((c) => c.disposition),
      batch.map((c) => c.durationS),
      batch.map((c) => c.billsecS),
      batch.map((c) => c.isDeskCall),
    ]);
    const outcome: CallUpsertOutcome = { inserted: [], updated: [], unchanged: [] };
    const written = new Set<string>();
    for (const r of rows) {
      written.add(r.source_id);
      (r.inserted ? outcome.inserted : outcome.updated).push(toCall(r));
    }
    for (const c of batch) if (!written.has(c.sourceId)) outcome.unchanged.push(c.sourceId);
    return outcome;
  }

  async importMany(batch: CallRecord[]): Promise<CallImportCounts> {
    if (batch.length === 0) return { inserted: 0, updated: 0 };
    const [counts] = await this.run<CallImportCounts>(importCalls, [
      textArrayLiteral(batch.map((c) => c.sourceId)),
      numberArrayLiteral(batch.map((c) => c.startedAt.getTime())),
      numberArrayLiteral(batch.map((c) => c.answeredAt?.getTime() ?? null)),
      numberArrayLiteral(batch.map((c) => c.endedAt.getTime())),
      textArrayLiteral(batch.map((c) => c.caller)),
      textArrayLiteral(batch.map((c) => c.callee)),
      textArrayLiteral(batch.map((c) => c.disposition)),
      numberArrayLiteral(batch.map((c) => c.durationS)),
      numberArrayLiteral(batch.map((c) => c.billsecS)),
      booleanArrayLiteral(batch.map((c) => c.isDeskCall)),
    ]);
    return counts ?? { inserted: 0, updated: 0 };
  }

  async findById(id: string): Promise<StoredCall | null> {
    const [row] = await this.run<CallDbRow>(callById, [id]);
    return row ? toCall(row) : null;
  }

  async findBySourceId(sourceId: string): Promise<StoredCall | null> {
    const [row] = await this.run<CallDbRow>(callBySourceId, [sourceId]);
    return row ? toCall(row) : null;
  }

  async answeredDeskCallsEndingIn(digitsTail: string, since: Date, limit: number): Promise<StoredCall[]> {
    if (!/^\d+$/.test(digitsTail)) return [];
    const rows = await this.run<CallDbRow>(answeredDeskCallsEndingIn, [digitsTail, since, limit]);
    return rows.map(toCall);
  }

  async linkTicket(callId: string, ticketId: string): Promise<boolean> {
    return (await this.run(linkCallTicket, [callId, ticketId])).length > 0;
  }

  async linkUnlinkedTicket(callId: string, ticketId: string): Promise<boolean> {
    return (await this.run(linkUnlinkedCallTicket, [callId, ticketId])).length > 0;
  }

  async markCallback(callId: string, personId: string): Promise<boolean> {
    return (await this.run(markCallCallback, [callId, personId])).length > 0;
  }
}
