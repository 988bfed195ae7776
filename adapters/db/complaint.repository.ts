import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { Complaint, ComplaintStepRecord } from '../../core/complaints/index.js';
import type {
  ComplaintFilter,
  ComplaintRepository,
  SaveComplaintOutcome,
} from '../../core/ports/complaint.repository.port.js';
import type { Db } from './database.js';
import { complaints, type ComplaintRow, type StoredComplaintStep } from './schema/index.js';

const toRow = (c: Complaint) => ({
  id: c.id,
  sourceKey: c.sourceKey,
  version: c.version,
  status: c.status,
  ticketId: c.ticketId,
  ticketNumber: c.ticketNumber,
  channel: c.channel,
  complainant: c.complainant,
  text: c.text,
  engineerId: c.engineerId,
  upheld: c.upheld,
  decision: c.decision,
  rating: c.rating,
  steps: c.steps.map((s): StoredComplaintStep => ({ ...s, at: s.at.toISOString() })),
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

const fromRow = (r: ComplaintRow): Complaint => ({
  id: r.id,
  sourceKey: r.sourceKey,
  version: r.version,
  status: r.status,
  ticketId: r.ticketId,
  ticketNumber: r.ticketNumber,
  channel: r.channel,
  complainant: r.complainant,
  text: r.text,
  engineerId: r.engineerId,
  upheld: r.upheld,
  decision: r.decision,
  rating: r.rating,
  steps: r.steps.map((s) => ({ ...s, at: new Date(s.at) }) as ComplaintStepRecord),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export class DrizzleComplaintRepository implements ComplaintRepository {
  constructor(private readonly db: Db) {}

  async create(complaint: Complaint): Promise<{ created: boolean; complaint: Complaint }> {
    const inserted = await this.db
      .insert(complaints)
      .values(toRow(complaint))
      .onConflictDoNothing({ target: complaints.sourceKey })
      .returning();
    const row = inserted[0];
    if (row) return { created: true, complaint: fromRow(row) };
    const [first] = await this.db
      .select()
      .from(complaints)
      .where(eq(complaints.sourceKey, complaint.sourceKey));
    if (!first) throw new Error(`complaint ${complaint.sourceKey} neither inserted nor found`);
    return { created: false, complaint: fromRow(first) };
  }

  async findById(id: string): Promise<Complaint | null> {
    const [row] = await this.db.select().from(complaints).where(eq(complaints.id, id));
    return row ? fromRow(row) : null;
  }

  async save(complaint: Complaint): Promise<SaveComplaintOutcome> {
    const { id: _id, sourceKey: _key, createdAt: _created, ...changes } = toRow(complaint);
    const [row] = await this.db
      .update(complaints)
      .set({ ...changes, version: complaint.version + 1 })
      .where(and(eq(complaints.id, complaint.id), eq(complaints.version, complaint.version)))
      .returning();
    return row ? { saved: true, complaint: fromRow(row) } : { saved: false, stale: true };
  }

  async list(filter: ComplaintFilter): Promise<{ complaints: Complaint[]; total: number }> {
    const where: SQL[] = [];
    if (filter.status?.length) where.push(inArray(complaints.status, filter.status));
    if (filter.ticketId) where.push(eq(complaints.ticketId, filter.ticketId));
    const condition = where.length > 0 ? and(...where) : undefined;
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(complaints)
        .where(condition)
        .orderBy(asc(complaints.createdAt), asc(complaints.id))
        .limit(filter.limit)
        .offset(filter.offset),
      this.db.select({ n: count() }).from(complaints).where(condition),
    ]);
    return { complaints: rows.map(fromRow), total: total?.n ?? 0 };
  }
}
