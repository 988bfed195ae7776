import { date, integer, numeric, pgTable, smallint, text, unique } from 'drizzle-orm/pg-core';
import type { KpiGrouping } from '../../../core/kpi/index.js';

/**
 * The KPI daily roll-up (custom migration 0010, kept by triggers on tickets and ticket_events):
 * per local day and per department, category and engineer separately, the sums behind every KPI.
 * Read by hand-written SQL (kpi-rollup.sql.ts); declared here so the schema knows the tables.
 */
export const kpiDaily = pgTable(
  'kpi_daily',
  {
    dimension: text('dimension').$type<KpiGrouping>().notNull(),
    day: date('day').notNull(),
    key: text('key'),
    tickets: integer('tickets').notNull().default(0),
    faultsResolved: integer('faults_resolved').notNull().default(0),
    faultsResolvedRemotely: integer('faults_resolved_remotely').notNull().default(0),
    rated: integer('rated').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    satisfied: integer('satisfied').notNull().default(0),
    dispatched: integer('dispatched').notNull().default(0),
    dispatchedFirstTime: integer('dispatched_first_time').notNull().default(0),
    /** Tickets with a dispatch time: the response-compliance denominator before the as-of cut. */
    timed: integer('timed').notNull().default(0),
    respondedInTime: integer('responded_in_time').notNull().default(0),
    resolved: integer('resolved').notNull().default(0),
    onSiteVisits: integer('on_site_visits').notNull().default(0),
    onSiteMinutes: numeric('on_site_minutes').notNull().default('0'),
    responses: integer('responses').notNull().default(0),
    responseMinutesSum: numeric('response_minutes_sum').notNull().default('0'),
    complaints: integer('complaints').notNull().default(0),
  },
  (t) => [unique('kpi_daily_key').on(t.dimension, t.day, t.key).nullsNotDistinct()],
);

/** One row: the zone and response minutes the roll-up was summed for, and the first day not in it. */
export const kpiRollupState = pgTable('kpi_rollup_state', {
  id: smallint('id').primaryKey().default(1),
  timeZone: text('time_zone').notNull(),
  responseMinutes: integer('response_minutes').notNull(),
  sealedThrough: date('sealed_through'),
});
