-- Durable timers (issue 6): one row per (subject, kind, n); the delayed BullMQ job is only the alarm.
CREATE TABLE "timers" (
	"ticket_id" text NOT NULL,
	"kind" text NOT NULL,
	"n" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fired_at" timestamp with time zone,
	CONSTRAINT "timers_ticket_id_kind_n_pk" PRIMARY KEY("ticket_id","kind","n"),
	CONSTRAINT "timers_state_check" CHECK ("timers"."state" in ('pending', 'firing', 'fired', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX "timers_active_due_idx" ON "timers" USING btree ("due_at") WHERE "timers"."state" in ('pending', 'firing');
--> statement-breakpoint
-- One row per missed SLA target (response, arrival, resolution) per cycle: what the KPIs count.
CREATE TABLE "sla_breaches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"target" text NOT NULL,
	"cycle" integer NOT NULL,
	"priority" text NOT NULL,
	"category" text,
	"calendar" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"breached_at" timestamp with time zone NOT NULL,
	"assignee_id" text,
	"owner_id" text,
	"escalated_to" text,
	"vendor" text,
	CONSTRAINT "sla_breaches_ticket_target_cycle_unique" UNIQUE("ticket_id","target","cycle"),
	CONSTRAINT "sla_breaches_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id")
);
--> statement-breakpoint
CREATE INDEX "sla_breaches_breached_at_idx" ON "sla_breaches" USING btree ("breached_at");
