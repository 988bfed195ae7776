import type {
  CallbackItem,
  EngineerAssessment,
  FollowupQueries,
  Period,
} from '../../core/ports/followup-queries.port.js';
import type { Db } from './database.js';
import { sqlRunnerFor, type SqlRunner, type Statement } from './sql-runner.js';

const CALLBACKS: Statement = {
  name: 'deskbot_followup_callbacks',
  text: `select id as "ticketId", number as "ticketNumber", status, channel,
      reporter_name as "reporterName", reporter_department as "reporterDepartment",
      reporter_phone as "reporterPhone", category, owner_id as "ownerId", assignee_id as "assigneeId",
      resolved_at as "resolvedAt", rating, rating_comment as "ratingComment",
      case when rating is null then 'unrated' else 'low_rating' end as reason
    from tickets
    where status in ('resolved', 'closed') and resolved_at >= $1 and resolved_at < $2
      and (rating is null or rating <= 2)
    order by resolved_at, number`,
};

/**
 * Ratings count for the engineer the ticket was with when resolved (its assignee); complaints
 * for the engineer named on them, by the day they were filed. Engineers with neither are absent.
 */
const ASSESSMENT: Statement = {
  name: 'deskbot_followup_engineer_assessment',
  text: `with r as (
      select assignee_id as engineer_id, count(*)::int as resolved, count(rating)::int as rated,
        avg(rating)::float8 as mean_rating, (count(*) filter (where rating <= 2))::int as low_ratings
      from tickets
      where assignee_id is not null and status in ('resolved', 'closed')
        and resolved_at >= $1 and resolved_at < $2
      group by assignee_id
    ), c as (
      select engineer_id, count(*)::int as complaints,
        (count(*) filter (where upheld))::int as complaints_upheld
      from complaints
      where engineer_id is not null and created_at >= $1 and created_at < $2
      group by engineer_id
    )
    select coalesce(r.engineer_id, c.engineer_id) as "engineerId",
      coalesce(r.resolved, 0) as resolved, coalesce(r.rated, 0) as rated, r.mean_rating as "meanRating",
      coalesce(r.low_ratings, 0) as "lowRatings", coalesce(c.complaints, 0) as complaints,
      coalesce(c.complaints_upheld, 0) as "complaintsUpheld"
    from r full outer join c on c.engineer_id = r.engineer_id
    order by 1`,
};

/** The auditors' callback list and the per-engineer assessment facts, computed by the database. */
export class DrizzleFollowupQueries implements FollowupQueries {
  private readonly run: SqlRunner;

  constructor(db: Db) {
    this.run = sqlRunnerFor(db);
  }

  async callbackList(period: Period): Promise<CallbackItem[]> {
    const rows = await this.run<CallbackItem>(CALLBACKS, [period.from, period.to]);
    return rows.map((r) => ({ ...r, resolvedAt: new Date(r.resolvedAt) }));
  }

  async engineerAssessment(period: Period): Promise<EngineerAssessment[]> {
    const rows = await this.run<EngineerAssessment>(ASSESSMENT, [period.from, period.to]);
    return rows.map((r) => ({ ...r, meanRating: r.meanRating === null ? null : Number(r.meanRating) }));
  }
}
