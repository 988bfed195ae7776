import type { DeskOverviewQueries, TicketListItem, TicketSearchFilter } from '../../core/ports/index.js';
import type { Db } from './database.js';
import { sqlRunnerFor, type SqlRunner } from './sql-runner.js';

interface ListRow {
  id: string;
  number: string;
  status: string;
  channel: string;
  priority: string;
  category: string | null;
  title: string;
  reporter_name: string;
  reporter_department: string | null;
  assignee_id: string | null;
  reported_at: Date;
  updated_at: Date;
  total: number;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The dashboard's list: filters are optional parameters of one statement (null = any). */
const SEARCH = {
  name: 'overview_search_tickets',
  text: `
    select id, number, status, channel, priority, category, title, reporter_name, reporter_department,
      assignee_id, reported_at, updated_at, count(*) over ()::int as total
    from tickets
    where ($1::text is null or number ilike $1 or title ilike $1 or description ilike $1
        or reporter_name ilike $1 or location ilike $1 or device_name ilike $1)
      and ($2::text[] is null or status = any($2))
      and ($3::text is null or category = $3)
      and ($4::text is null or assignee_id = $4)
    order by reported_at desc, id desc
    limit $5 offset $6`,
};

const STATUS_COUNTS = {
  name: 'overview_status_counts',
  text: `select status, count(*)::int as n from tickets group by status`,
};

const SLA_BREACHES = {
  name: 'overview_sla_breaches',
  text: `select count(*)::int as n from ticket_events where type = 'sla_breached'`,
};

export class DrizzleDeskOverviewQueries implements DeskOverviewQueries {
  private readonly run: SqlRunner;

  constructor(db: Db) {
    this.run = sqlRunnerFor(db);
  }

  async searchTickets(f: TicketSearchFilter): Promise<{ tickets: TicketListItem[]; total: number }> {
    const text = f.text?.trim() ? `%${escapeLike(f.text.trim())}%` : null;
    const rows = await this.run<ListRow>(SEARCH, [
      text,
      f.status && f.status.length > 0 ? f.status : null,
      f.category ?? null,
      f.assigneeId ?? null,
      f.limit,
      f.offset,
    ]);
    return {
      total: rows[0]?.total ?? 0,
      tickets: rows.map((r) => ({
        id: r.id,
        number: r.number,
        status: r.status,
        channel: r.channel,
        priority: r.priority,
        category: r.category,
        title: r.title,
        reporterName: r.reporter_name,
        reporterDepartment: r.reporter_department,
        assigneeId: r.assignee_id,
        reportedAt: r.reported_at,
        updatedAt: r.updated_at,
      })),
    };
  }

  async countByStatus(): Promise<Map<string, number>> {
    const rows = await this.run<{ status: string; n: number }>(STATUS_COUNTS, []);
    return new Map(rows.map((r) => [r.status, r.n]));
  }

  async slaBreaches(): Promise<number> {
    const [row] = await this.run<{ n: number }>(SLA_BREACHES, []);
    return row?.n ?? 0;
  }
}
