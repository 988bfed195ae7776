import type { Channel } from '../inbound/channel.js';

/** A resolved or closed ticket an auditor should call back (稽查员回访): unrated, or rated ≤ 2. */
export interface CallbackItem {
  ticketId: string;
  ticketNumber: string;
  status: 'resolved' | 'closed';
  channel: Channel;
  reporterName: string;
  reporterDepartment: string | null;
  reporterPhone: string | null;
  category: string | null;
  ownerId: string | null;
  assigneeId: string | null;
  resolvedAt: Date;
  rating: number | null;
  ratingComment: string | null;
  reason: 'unrated' | 'low_rating';
}

/**
 * One engineer's assessment facts over a period: the tickets they resolved (as assignee), their
 * ratings, and the complaints about them that the IT head upheld. The KPI report reuses this.
 */
export interface EngineerAssessment {
  engineerId: string;
  resolved: number;
  rated: number;
  /** null when nothing was rated. */
  meanRating: number | null;
  lowRatings: number;
  complaints: number;
  complaintsUpheld: number;
}

export interface Period {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface FollowupQueries {
  /** Tickets resolved in the period that are unrated or rated ≤ 2, oldest first. */
  callbackList(period: Period): Promise<CallbackItem[]>;
  /** Per engineer: ratings of tickets resolved in the period, complaints filed in it. */
  engineerAssessment(period: Period): Promise<EngineerAssessment[]>;
}
