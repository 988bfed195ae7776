-- Phone calls from the PBX (issue 7): one row per call; CDR legs of one call merge into it by source_id.
CREATE TABLE "calls" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"source_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone NOT NULL,
	"caller" text NOT NULL,
	"callee" text NOT NULL,
	"disposition" text NOT NULL,
	"duration_s" integer NOT NULL,
	"billsec_s" integer NOT NULL,
	"is_desk_call" boolean NOT NULL,
	"ticket_id" text,
	"callback_person_id" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calls_source_id_unique" UNIQUE("source_id")
);
--> statement-breakpoint
CREATE INDEX "calls_desk_started_idx" ON "calls" USING btree ("started_at") WHERE "calls"."is_desk_call";
--> statement-breakpoint
CREATE INDEX "calls_caller_started_idx" ON "calls" USING btree ("caller","started_at");
--> statement-breakpoint
-- Monitoring alerts (issue 7): one row per alert identity (fingerprint / trigger) and its current incident.
CREATE TABLE "alerts" (
	"source" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" text NOT NULL,
	"opening_external_id" text NOT NULL,
	"ticket_id" text,
	"title" text NOT NULL,
	"first_fired_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"fire_count" integer DEFAULT 1 NOT NULL,
	"last_payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "alerts_source_fingerprint_pk" PRIMARY KEY("source","fingerprint"),
	CONSTRAINT "alerts_status_check" CHECK ("alerts"."status" in ('firing', 'resolved'))
);
