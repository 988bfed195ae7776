-- ticket_person_counts mirrors tickets: per role (assignee, owner), person and status, how many
-- tickets. Statement triggers keep it, so every writer (repositories, scripts, hand-written SQL)
-- moves the counts with the rows, in the same transaction.
-- Each statement applies its net change per counter row in one upsert, in key order: two
-- statements lock the same counter rows in the same order and never deadlock, and a statement
-- that changes no owner, assignee or status writes (and locks) nothing.
CREATE OR REPLACE FUNCTION ticket_person_counts_track() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM ticket_person_counts;
  ELSIF TG_OP = 'INSERT' THEN
    WITH d AS (SELECT assignee_id, owner_id, status, 1 AS delta FROM new_rows)
    INSERT INTO ticket_person_counts AS c (role, person_id, status, tickets)
    SELECT r.role, r.person_id, d.status, sum(d.delta)::int
    FROM d CROSS JOIN LATERAL (VALUES ('assignee', d.assignee_id), ('owner', d.owner_id)) AS r(role, person_id)
    WHERE r.person_id IS NOT NULL
    GROUP BY r.role, r.person_id, d.status
    ORDER BY 1, 2, 3
    ON CONFLICT (role, person_id, status) DO UPDATE SET tickets = c.tickets + excluded.tickets;
  ELSIF TG_OP = 'UPDATE' THEN
    WITH d AS (
      SELECT assignee_id, owner_id, status, 1 AS delta FROM new_rows
      UNION ALL
      SELECT assignee_id, owner_id, status, -1 FROM old_rows
    )
    INSERT INTO ticket_person_counts AS c (role, person_id, status, tickets)
    SELECT r.role, r.person_id, d.status, sum(d.delta)::int
    FROM d CROSS JOIN LATERAL (VALUES ('assignee', d.assignee_id), ('owner', d.owner_id)) AS r(role, person_id)
    WHERE r.person_id IS NOT NULL
    GROUP BY r.role, r.person_id, d.status
    HAVING sum(d.delta) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (role, person_id, status) DO UPDATE SET tickets = c.tickets + excluded.tickets;
  ELSIF TG_OP = 'DELETE' THEN
    WITH d AS (SELECT assignee_id, owner_id, status, -1 AS delta FROM old_rows)
    INSERT INTO ticket_person_counts AS c (role, person_id, status, tickets)
    SELECT r.role, r.person_id, d.status, sum(d.delta)::int
    FROM d CROSS JOIN LATERAL (VALUES ('assignee', d.assignee_id), ('owner', d.owner_id)) AS r(role, person_id)
    WHERE r.person_id IS NOT NULL
    GROUP BY r.role, r.person_id, d.status
    ORDER BY 1, 2, 3
    ON CONFLICT (role, person_id, status) DO UPDATE SET tickets = c.tickets + excluded.tickets;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ticket_person_counts_insert
  AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_person_counts_track();
--> statement-breakpoint
CREATE TRIGGER ticket_person_counts_update
  AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_person_counts_track();
--> statement-breakpoint
CREATE TRIGGER ticket_person_counts_delete
  AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_person_counts_track();
--> statement-breakpoint
CREATE TRIGGER ticket_person_counts_truncate
  AFTER TRUNCATE ON tickets
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_person_counts_track();
--> statement-breakpoint
-- Also under session_replication_role = replica, which tests use to empty tables past the event
-- log's guard: the counts must follow the tickets whatever the mode.
ALTER TABLE tickets ENABLE ALWAYS TRIGGER ticket_person_counts_insert;
--> statement-breakpoint
ALTER TABLE tickets ENABLE ALWAYS TRIGGER ticket_person_counts_update;
--> statement-breakpoint
ALTER TABLE tickets ENABLE ALWAYS TRIGGER ticket_person_counts_delete;
--> statement-breakpoint
ALTER TABLE tickets ENABLE ALWAYS TRIGGER ticket_person_counts_truncate;
--> statement-breakpoint
-- The triggers above already hold tickets against writers (CREATE TRIGGER locks the table until
-- this migration commits), so the counts start from a stable picture.
INSERT INTO ticket_person_counts (role, person_id, status, tickets)
SELECT r.role, r.person_id, t.status, count(*)::int
FROM tickets t CROSS JOIN LATERAL (VALUES ('assignee', t.assignee_id), ('owner', t.owner_id)) AS r(role, person_id)
WHERE r.person_id IS NOT NULL
GROUP BY 1, 2, 3;
