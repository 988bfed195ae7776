import {
  and,
  asc,
  avg,
  count,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  sql,
  type AnyColumn,
} from 'drizzle-orm';
import type {
  AwaitingResponse,
  EngineerWorkload,
  PeriodCounts,
  StaleTicket,
  TicketQueryPort,
  UnratedTicket,
} from '../../core/ports/ticket-query.port.js';
import { OPEN_STATUSES, type TicketStatus } from '../../core/tickets/index.js';
import type { Db } from './database.js';
import { ticketEvents, tickets } from './schema/index.js';

/** `count(*) filter (where …)` as a number: several counts in one pass over the rows. */
const countWhere = (condition: ReturnType<typeof sql>) =>
  sql<number>`count(*) filter (where ${condition})`.mapWith(Number);

const between = (column: AnyColumn, from: Date, to: Date) => and(gte(column, from), lt(column, to));

/**
 * The auditors' and managers' questions as Drizzle queries. Everything a person typed reaches the
 * database only as a bound parameter (dates, limits, ids); no SQL is built from command text.
 */
export class DrizzleTicketQueries implements TicketQueryPort {
  constructor(private readonly db: Db) {}

  async countsBetween(from: Date, to: Date, responseMinutes: number): Promise<PeriodCounts> {
    const createdIn = between(tickets.createdAt, from, to);
    const responseLimit = sql`${tickets.acknowledgedAt} - ${tickets.dispatchedAt} <= make_interval(mins => ${responseMinutes})`;
    const [statusRows, categoryRows, [totals]] = await Promise.all([
      this.db
        .select({ status: tickets.status, n: count() })
        .from(tickets)
        .where(createdIn)
        .groupBy(tickets.status),
      this.db
        .select({ category: tickets.category, n: count() })
        .from(tickets)
        .where(createdIn)
        .groupBy(tickets.category),
      this.db
        .select({
          resolved: countWhere(sql`${between(tickets.resolvedAt, from, to)}`),
          resolvedRemotely: countWhere(
            sql`${between(tickets.resolvedAt, from, to)} and ${tickets.resolutionRemote} is true`,
          ),
          responded: countWhere(sql`${between(tickets.acknowledgedAt, from, to)}`),
          respondedInTime: countWhere(sql`${between(tickets.acknowledgedAt, from, to)} and ${responseLimit}`),
          rated: countWhere(sql`${between(tickets.ratedAt, from, to)}`),
          ratingSum:
            sql<number>`coalesce(sum(${tickets.rating}) filter (where ${between(tickets.ratedAt, from, to)}), 0)`.mapWith(
              Number,
            ),
          dispatched: countWhere(sql`${createdIn} and ${tickets.dispatchCount} >= 1`),
          dispatchedOnce: countWhere(sql`${createdIn} and ${tickets.dispatchCount} = 1`),
        })
        .from(tickets)
        .where(
          or(
            createdIn,
            between(tickets.resolvedAt, from, to),
            between(tickets.acknowledgedAt, from, to),
            between(tickets.ratedAt, from, to),
          ),
        ),
    ]);
    const byStatus: Partial<Record<TicketStatus, number>> = {};
    for (const r of statusRows) byStatus[r.status] = r.n;
    const t = totals ?? {
      resolved: 0,
      resolvedRemotely: 0,
      responded: 0,
      respondedInTime: 0,
      rated: 0,
      ratingSum: 0,
      dispatched: 0,
      dispatchedOnce: 0,
    };
    return {
      created: statusRows.reduce((sum, r) => sum + r.n, 0),
      byStatus,
      byCategory: categoryRows.map((r) => ({ category: r.category, count: r.n })),
      resolved: t.resolved,
      resolvedRemotely: t.resolvedRemotely,
      responded: t.responded,
      respondedInTime: t.respondedInTime,
      rated: t.rated,
      meanRating: t.rated === 0 ? null : t.ratingSum / t.rated,
      dispatched: t.dispatched,
      dispatchedOnce: t.dispatchedOnce,
    };
  }

  async awaitingResponse(dispatchedBefore: Date, limit: number): Promise<AwaitingResponse[]> {
    const rows = await this.db
      .select({
        id: tickets.id,
        number: tickets.number,
        category: tickets.category,
        assigneeId: tickets.assigneeId,
        dispatchedAt: tickets.dispatchedAt,
      })
      .from(tickets)
      .where(
        and(
          eq(tickets.status, 'dispatched'),
          isNull(tickets.acknowledgedAt),
          isNotNull(tickets.dispatchedAt),
          lte(tickets.dispatchedAt, dispatchedBefore),
        ),
      )
      .orderBy(asc(tickets.dispatchedAt), asc(tickets.number))
      .limit(limit);
    return rows.flatMap((r) => (r.dispatchedAt ? [{ ...r, dispatchedAt: r.dispatchedAt }] : []));
  }

  async resolvedUnrated(limit: number): Promise<UnratedTicket[]> {
    const rows = await this.db
      .select({
        id: tickets.id,
        number: tickets.number,
        reporterName: tickets.reporterName,
        reporterPhone: tickets.reporterPhone,
        reporterDepartment: tickets.reporterDepartment,
        assigneeId: tickets.assigneeId,
        resolvedAt: tickets.resolvedAt,
      })
      .from(tickets)
      .where(
        and(
          inArray(tickets.status, ['resolved', 'closed']),
          isNull(tickets.rating),
          isNotNull(tickets.resolvedAt),
        ),
      )
      .orderBy(asc(tickets.resolvedAt), asc(tickets.number))
      .limit(limit);
    return rows.flatMap((r) => (r.resolvedAt ? [{ ...r, resolvedAt: r.resolvedAt }] : []));
  }

  async withoutWorkLogSince(cutoff: Date, limit: number): Promise<StaleTicket[]> {
    // A work log is a 进展 note or a status change; messages and notifications do not count.
    const lastLogAt = sql<Date>`max(${ticketEvents.at})`.mapWith(tickets.createdAt);
    const rows = await this.db
      .select({
        id: tickets.id,
        number: tickets.number,
        status: tickets.status,
        assigneeId: tickets.assigneeId,
        lastLogAt,
      })
      .from(tickets)
      .innerJoin(ticketEvents, eq(ticketEvents.ticketId, tickets.id))
      .where(
        and(
          inArray(tickets.status, [...OPEN_STATUSES]),
          or(eq(ticketEvents.type, 'noted'), isNotNull(ticketEvents.toStatus)),
        ),
      )
      .groupBy(tickets.id)
      .having(lt(sql`max(${ticketEvents.at})`, cutoff))
      .orderBy(asc(sql`max(${ticketEvents.at})`), asc(tickets.number))
      .limit(limit);
    return rows;
  }

  async workload(personIds: string[], from: Date, to: Date): Promise<EngineerWorkload[]> {
    if (personIds.length === 0) return [];
    const openStatuses = [...OPEN_STATUSES];
    const minutes = sql`extract(epoch from (${tickets.acknowledgedAt} - ${tickets.dispatchedAt})) / 60`;
    const rows = await this.db
      .select({
        personId: tickets.assigneeId,
        open: countWhere(sql`${inArray(tickets.status, openStatuses)}`),
        resolved: countWhere(sql`${between(tickets.resolvedAt, from, to)}`),
        meanResponse: avg(
          sql`case when ${between(tickets.acknowledgedAt, from, to)} then ${minutes} end`,
        ).mapWith((v: string | null) => (v === null ? null : Number(v))),
      })
      .from(tickets)
      .where(inArray(tickets.assigneeId, personIds))
      .groupBy(tickets.assigneeId);
    const byId = new Map(rows.map((r) => [r.personId ?? '', r]));
    return personIds.map((personId) => {
      const r = byId.get(personId);
      return {
        personId,
        open: r?.open ?? 0,
        resolved: r?.resolved ?? 0,
        meanResponseMinutes: r?.meanResponse ?? null,
      };
    });
  }
}
