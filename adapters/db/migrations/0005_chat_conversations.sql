-- Chat conversation state (issue 4): burst drafts, their lines, and the one question per ticket.
CREATE TABLE "chat_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"conversation_key" text NOT NULL,
	"conversation_id" text,
	"conversation_title" text,
	"sender_key" text NOT NULL,
	"sender" jsonb NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"ticket_id" text,
	"ticket_number" text,
	CONSTRAINT "chat_drafts_status_check" CHECK ("status" in ('open', 'closing', 'ticketed', 'dropped'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "chat_drafts_one_open_per_sender" ON "chat_drafts" ("channel", "conversation_key", "sender_key") WHERE "status" = 'open';
--> statement-breakpoint
CREATE TABLE "chat_draft_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draft_id" text NOT NULL REFERENCES "chat_drafts"("id"),
	"channel" text NOT NULL,
	"external_id" text NOT NULL,
	"text" text NOT NULL,
	"kind" text NOT NULL,
	"attachments" jsonb NOT NULL DEFAULT '[]'::jsonb,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "chat_draft_lines_channel_external_id_unique" UNIQUE ("channel", "external_id")
);
--> statement-breakpoint
CREATE INDEX "chat_draft_lines_draft_idx" ON "chat_draft_lines" ("draft_id", "at");
--> statement-breakpoint
CREATE TABLE "chat_questions" (
	"ticket_id" text PRIMARY KEY NOT NULL REFERENCES "tickets"("id"),
	"ticket_number" text NOT NULL,
	"channel" text NOT NULL,
	"conversation_key" text NOT NULL,
	"sender_key" text NOT NULL,
	"missing" jsonb NOT NULL,
	"status" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "chat_questions_status_check" CHECK ("status" in ('asked', 'answered'))
);
--> statement-breakpoint
CREATE INDEX "chat_questions_pending_idx" ON "chat_questions" ("channel", "conversation_key", "sender_key", "asked_at") WHERE "status" = 'asked';
