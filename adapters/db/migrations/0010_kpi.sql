-- KPI reports select tickets by the period they were reported in.
CREATE INDEX IF NOT EXISTS "tickets_reported_at_idx" ON "tickets" USING btree ("reported_at");
--> statement-breakpoint
-- Workload counts complaints per ticket; the few complaint events are found without scanning the log.
CREATE INDEX IF NOT EXISTS "ticket_events_complaint_idx" ON "ticket_events" USING btree ("ticket_id") WHERE "type" = 'complaint';
--> statement-breakpoint
-- The dashboard's live list shows the newest tickets first, filtered by status.
CREATE INDEX IF NOT EXISTS "tickets_status_reported_at_idx" ON "tickets" USING btree ("status", "reported_at");
