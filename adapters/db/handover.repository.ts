import { and, desc, eq, gte, lt, or } from 'drizzle-orm';
import type { Handover } from '../../core/handover/index.js';
import type { HandoverRepository } from '../../core/ports/handover.repository.port.js';
import type { Db } from './database.js';
import { handovers, type HandoverRow } from './schema/index.js';

const fromRow = (r: HandoverRow): Handover => ({
  id: r.id,
  sourceKey: r.sourceKey,
  fromId: r.fromId,
  fromName: r.fromName,
  toId: r.toId,
  toName: r.toName,
  shift: r.shift,
  notes: r.notes,
  items: r.items.map((i) => ({ ...i, latestAt: i.latestAt ? new Date(i.latestAt) : null })),
  at: r.at,
});

export class DrizzleHandoverRepository implements HandoverRepository {
  constructor(private readonly db: Db) {}

  async record(h: Handover): Promise<{ created: boolean; handover: Handover }> {
    const [row] = await this.db
      .insert(handovers)
      .values({
        ...h,
        ticketIds: h.items.map((i) => i.ticketId),
        items: h.items.map((i) => ({ ...i, latestAt: i.latestAt?.toISOString() ?? null })),
      })
      .onConflictDoNothing({ target: handovers.sourceKey })
      .returning();
    if (row) return { created: true, handover: fromRow(row) };
    const first = await this.findBySourceKey(h.sourceKey);
    if (!first) throw new Error(`handover ${h.sourceKey} neither inserted nor found`);
    return { created: false, handover: first };
  }

  async findBySourceKey(sourceKey: string): Promise<Handover | null> {
    const [row] = await this.db.select().from(handovers).where(eq(handovers.sourceKey, sourceKey));
    return row ? fromRow(row) : null;
  }

  async listFor(personId: string, from: Date, to: Date): Promise<Handover[]> {
    const rows = await this.db
      .select()
      .from(handovers)
      .where(
        and(
          or(eq(handovers.fromId, personId), eq(handovers.toId, personId)),
          gte(handovers.at, from),
          lt(handovers.at, to),
        ),
      )
      .orderBy(desc(handovers.at));
    return rows.map(fromRow);
  }
}
