import { and, eq } from 'drizzle-orm';
import type { SlaBreachLog, SlaBreachRecord } from '../../core/ports/sla-breach-log.port.js';
import type { Db } from './database.js';
import { slaBreaches } from './schema/index.js';

export class DrizzleSlaBreachRepository implements SlaBreachLog {
  constructor(private readonly db: Db) {}

  async record(breach: SlaBreachRecord): Promise<boolean> {
    const rows = await this.db
      .insert(slaBreaches)
      .values(breach)
      .onConflictDoNothing({ target: [slaBreaches.ticketId, slaBreaches.target, slaBreaches.cycle] })
      .returning({ id: slaBreaches.id });
    return rows.length > 0;
  }

  async escalated(
    key: Pick<SlaBreachRecord, 'ticketId' | 'target' | 'cycle'>,
    to: { escalatedTo: string | null; vendor: string | null },
  ): Promise<void> {
    await this.db
      .update(slaBreaches)
      .set(to)
      .where(
        and(
          eq(slaBreaches.ticketId, key.ticketId),
          eq(slaBreaches.target, key.target),
          eq(slaBreaches.cycle, key.cycle),
        ),
      );
  }

  async list(ticketId: string) {
    return this.db
      .select()
      .from(slaBreaches)
      .where(eq(slaBreaches.ticketId, ticketId))
      .orderBy(slaBreaches.id);
  }
}
