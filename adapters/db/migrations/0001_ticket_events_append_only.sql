-- The event log is the audit trail: rows are only ever added. Changing or removing history
-- must fail loudly, whoever tries it (application bug, hand-written SQL, a careless script).
CREATE OR REPLACE FUNCTION ticket_events_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ticket_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'Record a correction as a new event instead.';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ticket_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON ticket_events
  FOR EACH ROW EXECUTE FUNCTION ticket_events_reject_change();
--> statement-breakpoint
CREATE TRIGGER ticket_events_no_truncate
  BEFORE TRUNCATE ON ticket_events
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_events_reject_change();
