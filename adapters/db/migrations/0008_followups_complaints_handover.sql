-- Complaints (投诉处理流程, issue 6): one row per complaint, its step history as a JSON array.
CREATE TABLE "complaints" (
	"id" text PRIMARY KEY NOT NULL,
	"source_key" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"ticket_id" text,
	"ticket_number" text,
	"channel" text NOT NULL,
	"complainant" jsonb NOT NULL,
	"text" text NOT NULL,
	"engineer_id" text,
	"upheld" boolean,
	"decision" text,
	"rating" smallint,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaints_source_key_unique" UNIQUE("source_key"),
	CONSTRAINT "complaints_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id"),
	CONSTRAINT "complaints_status_check" CHECK ("complaints"."status" in ('submitted', 'verified', 'reported', 'decided', 'fed_back', 'rated', 'closed')),
	CONSTRAINT "complaints_rating_check" CHECK ("complaints"."rating" is null or "complaints"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("status");
--> statement-breakpoint
CREATE INDEX "complaints_engineer_created_idx" ON "complaints" USING btree ("engineer_id","created_at");
--> statement-breakpoint
CREATE INDEX "complaints_ticket_id_idx" ON "complaints" USING btree ("ticket_id");
--> statement-breakpoint
-- Shift handovers (交接班): who, to whom, which shift, notes, and each ticket with its latest progress.
CREATE TABLE "handovers" (
	"id" text PRIMARY KEY NOT NULL,
	"source_key" text NOT NULL,
	"from_id" text NOT NULL,
	"from_name" text NOT NULL,
	"to_id" text NOT NULL,
	"to_name" text NOT NULL,
	"shift" text NOT NULL,
	"notes" text,
	"ticket_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "handovers_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE INDEX "handovers_from_at_idx" ON "handovers" USING btree ("from_id","at");
--> statement-breakpoint
CREATE INDEX "handovers_to_at_idx" ON "handovers" USING btree ("to_id","at");
