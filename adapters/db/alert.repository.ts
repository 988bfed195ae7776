import { and, eq, sql } from 'drizzle-orm';
import type { AlertRecord, AlertSource } from '../../core/alerts/index.js';
import type { AlertRepository } from '../../core/ports/index.js';
import type { Db } from './database.js';
import { alerts } from './schema/index.js';

const key = (source: AlertSource, fingerprint: string) =>
  and(eq(alerts.source, source), eq(alerts.fingerprint, fingerprint));

/** Alert identities in PostgreSQL: one row each, holding the current incident. */
export class DrizzleAlertRepository implements AlertRepository {
  constructor(private readonly db: Db) {}

  async find(source: AlertSource, fingerprint: string): Promise<AlertRecord | null> {
    const [row] = await this.db.select().from(alerts).where(key(source, fingerprint));
    if (!row) return null;
    const { lastPayload: _payload, ...record } = row;
    return { ...record, source: row.source as AlertSource };
  }

  async open(
    r: Omit<AlertRecord, 'ticketId' | 'resolvedAt' | 'fireCount' | 'lastSeenAt'>,
    payload: object,
  ): Promise<void> {
    const values = {
      ...r,
      ticketId: null,
      resolvedAt: null,
      fireCount: 1,
      lastSeenAt: r.firstFiredAt,
      lastPayload: payload as Record<string, unknown>,
    };
    await this.db
      .insert(alerts)
      .values(values)
      .onConflictDoUpdate({
        target: [alerts.source, alerts.fingerprint],
        set: { ...values, fireCount: sql`${alerts.fireCount} + 1` },
      });
  }

  async seen(source: AlertSource, fingerprint: string, at: Date, payload: object): Promise<number> {
    const [row] = await this.db
      .update(alerts)
      .set({
        fireCount: sql`${alerts.fireCount} + 1`,
        lastSeenAt: at,
        lastPayload: payload as Record<string, unknown>,
      })
      .where(key(source, fingerprint))
      .returning({ fireCount: alerts.fireCount });
    return row?.fireCount ?? 0;
  }

  async setTicket(source: AlertSource, fingerprint: string, ticketId: string): Promise<void> {
    await this.db.update(alerts).set({ ticketId }).where(key(source, fingerprint));
  }

  async resolve(source: AlertSource, fingerprint: string, at: Date, payload: object): Promise<void> {
    await this.db
      .update(alerts)
      .set({
        status: 'resolved',
        resolvedAt: at,
        lastSeenAt: at,
        lastPayload: payload as Record<string, unknown>,
      })
      .where(key(source, fingerprint));
  }
}
