-- Learning triage (issue 5): versioned classifier models and the desk's corrections (labelled examples).
CREATE TABLE "triage_models" (
	"version" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"algorithm" text NOT NULL,
	"examples" integer NOT NULL,
	"corrections" integer NOT NULL,
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"model" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "triage_corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" text,
	"text" text NOT NULL,
	"label" text NOT NULL,
	"previous" text,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "triage_corrections_ticket_id_idx" ON "triage_corrections" ("ticket_id");
