-- KPI reports select tickets by the period they were reported in.
CREATE INDEX IF NOT EXISTS "tickets_reported_at_idx" ON "tickets" USING btree ("reported_at");
--> statement-breakpoint
-- Workload counts complaints per ticket; the few complaint events are found without scanning the log.
CREATE INDEX IF NOT EXISTS "ticket_events_complaint_idx" ON "ticket_events" USING btree ("ticket_id") WHERE "type" = 'complaint';
--> statement-breakpoint
-- The dashboard's live list shows the newest tickets first, filtered by status.
CREATE INDEX IF NOT EXISTS "tickets_status_reported_at_idx" ON "tickets" USING btree ("status", "reported_at");

--> statement-breakpoint
-- Unacknowledged dispatches: the few whose response deadline has not yet passed are found by range.
CREATE INDEX IF NOT EXISTS "tickets_unacknowledged_dispatch_idx" ON "tickets" USING btree ("dispatched_at")
  WHERE "acknowledged_at" IS NULL AND "dispatched_at" IS NOT NULL;
--> statement-breakpoint
-- KPI roll-up. A year of KPIs is summed from a few rows per local day instead of every ticket:
-- kpi_daily holds, per local day (in the desk's zone) and per department, category and engineer
-- separately, every sum the KPI definitions are ratios of. Days before sealed_through are in it;
-- later days are read from tickets. kpi_rollup_seal sums closed days once; from then on the
-- triggers below move the sums with every change to a sealed day's tickets (a rating that arrives
-- a week later, a complaint), in the same transaction, so the roll-up always equals the tickets.
-- The sums depend on the zone and the response minutes; a change of either rebuilds it.
CREATE TABLE IF NOT EXISTS "kpi_rollup_state" (
  "id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
  "time_zone" text NOT NULL,
  "response_minutes" integer NOT NULL,
  "sealed_through" date
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "kpi_daily" (
  "dimension" text NOT NULL CHECK ("dimension" IN ('department', 'category', 'engineer')),
  "day" date NOT NULL,
  "key" text,
  "tickets" integer NOT NULL DEFAULT 0,
  "faults_resolved" integer NOT NULL DEFAULT 0,
  "faults_resolved_remotely" integer NOT NULL DEFAULT 0,
  "rated" integer NOT NULL DEFAULT 0,
  "rating_sum" integer NOT NULL DEFAULT 0,
  "satisfied" integer NOT NULL DEFAULT 0,
  "dispatched" integer NOT NULL DEFAULT 0,
  "dispatched_first_time" integer NOT NULL DEFAULT 0,
  "timed" integer NOT NULL DEFAULT 0,
  "responded_in_time" integer NOT NULL DEFAULT 0,
  "resolved" integer NOT NULL DEFAULT 0,
  "on_site_visits" integer NOT NULL DEFAULT 0,
  "on_site_minutes" numeric NOT NULL DEFAULT 0,
  "responses" integer NOT NULL DEFAULT 0,
  "response_minutes_sum" numeric NOT NULL DEFAULT 0,
  "complaints" integer NOT NULL DEFAULT 0,
  CONSTRAINT "kpi_daily_key" UNIQUE NULLS NOT DISTINCT ("dimension", "day", "key")
);
--> statement-breakpoint
-- The upsert adding signed ticket rows to the roll-up. p_source yields ticket rows with a sign
-- (+1 add, -1 remove) and a complained flag; $1 zone, $2 response minutes, $3/$4 the days
-- [from, through) to take. Built as text because only the calling trigger function's own
-- statements can read its transition tables. Net-zero rows are skipped (an update that moves no
-- sum locks nothing), and rows are written in key order so concurrent writers never deadlock.
CREATE OR REPLACE FUNCTION kpi_rollup_upsert_sql(p_source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
SELECT format($q$
WITH f AS (
  SELECT (t.reported_at AT TIME ZONE $1)::date AS day, t.reporter_department, t.category, t.assignee_id,
    t.sign AS tickets,
    t.sign * (t.type = 'fault' AND t.resolved_at IS NOT NULL)::int AS faults_resolved,
    t.sign * coalesce(t.type = 'fault' AND t.resolved_at IS NOT NULL AND t.resolution_remote, false)::int
      AS faults_resolved_remotely,
    t.sign * (t.rating IS NOT NULL)::int AS rated,
    t.sign * coalesce(t.rating, 0) AS rating_sum,
    t.sign * coalesce(t.rating >= 4, false)::int AS satisfied,
    t.sign * (t.dispatch_count >= 1)::int AS dispatched,
    t.sign * (t.dispatch_count = 1)::int AS dispatched_first_time,
    t.sign * (t.dispatched_at IS NOT NULL)::int AS timed,
    t.sign * coalesce(t.acknowledged_at <= t.dispatched_at + make_interval(mins => $2::int), false)::int
      AS responded_in_time,
    t.sign * (t.resolved_at IS NOT NULL)::int AS resolved,
    t.sign * coalesce(t.arrived_at IS NOT NULL AND t.departed_at >= t.arrived_at, false)::int AS on_site_visits,
    t.sign * CASE WHEN t.arrived_at IS NOT NULL AND t.departed_at >= t.arrived_at
      THEN extract(epoch FROM t.departed_at - t.arrived_at) / 60 ELSE 0 END AS on_site_minutes,
    t.sign * coalesce(t.acknowledged_at >= t.dispatched_at, false)::int AS responses,
    t.sign * CASE WHEN t.acknowledged_at >= t.dispatched_at
      THEN extract(epoch FROM t.acknowledged_at - t.dispatched_at) / 60 ELSE 0 END AS response_minutes_sum,
    t.sign * t.complained::int AS complaints
  FROM %s t
)
INSERT INTO kpi_daily AS k (dimension, day, key, tickets, faults_resolved, faults_resolved_remotely, rated,
  rating_sum, satisfied, dispatched, dispatched_first_time, timed, responded_in_time, resolved,
  on_site_visits, on_site_minutes, responses, response_minutes_sum, complaints)
SELECT d.dimension, f.day, d.key, sum(tickets), sum(faults_resolved), sum(faults_resolved_remotely),
  sum(rated), sum(rating_sum), sum(satisfied), sum(dispatched), sum(dispatched_first_time), sum(timed),
  sum(responded_in_time), sum(resolved), sum(on_site_visits), sum(on_site_minutes), sum(responses),
  sum(response_minutes_sum), sum(complaints)
FROM f CROSS JOIN LATERAL (VALUES ('department', f.reporter_department), ('category', f.category),
  ('engineer', f.assignee_id)) AS d(dimension, key)
WHERE f.day >= $3 AND f.day < $4
GROUP BY 1, 2, 3
HAVING sum(tickets) <> 0 OR sum(faults_resolved) <> 0 OR sum(faults_resolved_remotely) <> 0
  OR sum(rated) <> 0 OR sum(rating_sum) <> 0 OR sum(satisfied) <> 0 OR sum(dispatched) <> 0
  OR sum(dispatched_first_time) <> 0 OR sum(timed) <> 0 OR sum(responded_in_time) <> 0
  OR sum(resolved) <> 0 OR sum(on_site_visits) <> 0 OR sum(on_site_minutes) <> 0 OR sum(responses) <> 0
  OR sum(response_minutes_sum) <> 0 OR sum(complaints) <> 0
ORDER BY 1, 2, 3
ON CONFLICT (dimension, day, key) DO UPDATE SET
  tickets = k.tickets + excluded.tickets,
  faults_resolved = k.faults_resolved + excluded.faults_resolved,
  faults_resolved_remotely = k.faults_resolved_remotely + excluded.faults_resolved_remotely,
  rated = k.rated + excluded.rated,
  rating_sum = k.rating_sum + excluded.rating_sum,
  satisfied = k.satisfied + excluded.satisfied,
  dispatched = k.dispatched + excluded.dispatched,
  dispatched_first_time = k.dispatched_first_time + excluded.dispatched_first_time,
  timed = k.timed + excluded.timed,
  responded_in_time = k.responded_in_time + excluded.responded_in_time,
  resolved = k.resolved + excluded.resolved,
  on_site_visits = k.on_site_visits + excluded.on_site_visits,
  on_site_minutes = k.on_site_minutes + excluded.on_site_minutes,
  responses = k.responses + excluded.responses,
  response_minutes_sum = k.response_minutes_sum + excluded.response_minutes_sum,
  complaints = k.complaints + excluded.complaints
$q$, p_source)
$$;
--> statement-breakpoint
-- Moves the sums of sealed days with every statement that changes tickets.
CREATE OR REPLACE FUNCTION kpi_rollup_track_tickets() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  s kpi_rollup_state;
  src text;
BEGIN
  SELECT * INTO s FROM kpi_rollup_state WHERE id = 1;
  IF NOT FOUND OR s.sealed_through IS NULL THEN
    RETURN NULL;
  END IF;
  src := CASE TG_OP
    WHEN 'INSERT' THEN $s$(SELECT n.*, 1 AS sign, EXISTS (SELECT 1 FROM ticket_events e
      WHERE e.ticket_id = n.id AND e.type = 'complaint') AS complained FROM new_rows n)$s$
    WHEN 'DELETE' THEN $s$(SELECT o.*, -1 AS sign, EXISTS (SELECT 1 FROM ticket_events e
      WHERE e.ticket_id = o.id AND e.type = 'complaint') AS complained FROM old_rows o)$s$
    ELSE $s$(SELECT o.*, -1 AS sign, EXISTS (SELECT 1 FROM ticket_events e
      WHERE e.ticket_id = o.id AND e.type = 'complaint') AS complained FROM old_rows o
      UNION ALL SELECT n.*, 1 AS sign, EXISTS (SELECT 1 FROM ticket_events e
      WHERE e.ticket_id = n.id AND e.type = 'complaint') AS complained FROM new_rows n)$s$
  END;
  EXECUTE kpi_rollup_upsert_sql(src) USING s.time_zone, s.response_minutes, '-infinity'::date, s.sealed_through;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_tickets_insert
  AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_track_tickets();
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_tickets_update
  AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_track_tickets();
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_tickets_delete
  AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_track_tickets();
--> statement-breakpoint
-- A ticket's first complaint event adds it to its engineer's complaints (a ticket counts once).
CREATE OR REPLACE FUNCTION kpi_rollup_track_complaints() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  s kpi_rollup_state;
BEGIN
  SELECT * INTO s FROM kpi_rollup_state WHERE id = 1;
  IF NOT FOUND OR s.sealed_through IS NULL
    OR NOT EXISTS (SELECT 1 FROM new_rows WHERE type = 'complaint') THEN
    RETURN NULL;
  END IF;
  -- Complaints about one ticket in two transactions take turns, so only one of them is its first.
  PERFORM 1 FROM tickets WHERE id IN (SELECT ticket_id FROM new_rows WHERE type = 'complaint')
    ORDER BY id FOR NO KEY UPDATE;
  EXECUTE kpi_rollup_upsert_sql($s$(
    WITH first AS (
      SELECT DISTINCT n.ticket_id FROM new_rows n WHERE n.type = 'complaint'
        AND NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = n.ticket_id
          AND e.type = 'complaint' AND e.id NOT IN (SELECT id FROM new_rows))
    )
    SELECT t.*, -1 AS sign, false AS complained FROM tickets t JOIN first ON first.ticket_id = t.id
    UNION ALL
    SELECT t.*, 1 AS sign, true AS complained FROM tickets t JOIN first ON first.ticket_id = t.id)$s$)
    USING s.time_zone, s.response_minutes, '-infinity'::date, s.sealed_through;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_rollup_complaints_insert
  AFTER INSERT ON ticket_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_rollup_track_complaints();
--> statement-breakpoint
-- Sums up to 31 more days before p_through into the roll-up (from the first ticket's day after a
-- change of zone or response minutes) and returns the day the roll-up now reaches; callers repeat
-- until it reaches p_through. Writers to tickets and their events wait while it sums, so no change
-- falls between the sums and the triggers; a month at a time keeps that wait short.
CREATE OR REPLACE FUNCTION kpi_rollup_seal(p_zone text, p_response_minutes integer, p_through date)
RETURNS date LANGUAGE plpgsql AS $$
DECLARE
  s kpi_rollup_state;
  v_to date;
BEGIN
  SELECT * INTO s FROM kpi_rollup_state WHERE id = 1;
  IF FOUND AND s.time_zone = p_zone AND s.response_minutes = p_response_minutes
    AND s.sealed_through >= p_through THEN
    RETURN s.sealed_through;
  END IF;
  PERFORM 1 FROM pg_timezone_names WHERE name = p_zone;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown time zone: %', p_zone USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- Sealing never holds writers up for long nor makes them fail: a seal that cannot have its locks
  -- soon (or would deadlock with a writer) gives up, and readers sum those days from the tickets.
  SET LOCAL lock_timeout = '2s';
  LOCK TABLE tickets, ticket_events IN SHARE ROW EXCLUSIVE MODE;
  INSERT INTO kpi_rollup_state (id, time_zone, response_minutes) VALUES (1, p_zone, p_response_minutes)
    ON CONFLICT (id) DO NOTHING;
  SELECT * INTO s FROM kpi_rollup_state WHERE id = 1 FOR UPDATE;
  IF s.time_zone <> p_zone OR s.response_minutes <> p_response_minutes THEN
    DELETE FROM kpi_daily;
    UPDATE kpi_rollup_state SET time_zone = p_zone, response_minutes = p_response_minutes,
      sealed_through = NULL WHERE id = 1;
    s.sealed_through := NULL;
  END IF;
  IF s.sealed_through >= p_through THEN
    RETURN s.sealed_through;
  END IF;
  v_to := least(p_through, coalesce(s.sealed_through,
    (SELECT (min(reported_at) AT TIME ZONE p_zone)::date FROM tickets), p_through) + 31);
  -- The reported_at range (with room for any DST shift) lets an index find the new days' tickets.
  EXECUTE kpi_rollup_upsert_sql(format($s$(SELECT t.*, 1 AS sign,
      t.id IN (SELECT ticket_id FROM ticket_events WHERE type = 'complaint') AS complained
    FROM tickets t WHERE t.reported_at >= %L::timestamptz AND t.reported_at < %L::timestamptz)$s$,
    CASE WHEN s.sealed_through IS NULL THEN '-infinity'::timestamptz
      ELSE (s.sealed_through::timestamp AT TIME ZONE p_zone) - interval '3 hours' END,
    (v_to::timestamp AT TIME ZONE p_zone) + interval '3 hours'))
    USING p_zone, p_response_minutes, coalesce(s.sealed_through, '-infinity'::date), v_to;
  UPDATE kpi_rollup_state SET sealed_through = v_to WHERE id = 1;
  RETURN v_to;
EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
  RETURN (SELECT sealed_through FROM kpi_rollup_state
    WHERE id = 1 AND time_zone = p_zone AND response_minutes = p_response_minutes);
END;
$$;
