-- Email channel (issue 3): where each watched mailbox stands, and the mails deskbot sent.
-- A mailbox is only read past last_uid while its UIDVALIDITY is the recorded one.
CREATE TABLE "email_mailboxes" (
	"key" text PRIMARY KEY NOT NULL,
	"uid_validity" bigint,
	"last_uid" bigint DEFAULT 0 NOT NULL,
	"connected" boolean DEFAULT false NOT NULL,
	"last_fetch_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"processed" bigint DEFAULT 0 NOT NULL,
	"filtered" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_sent_messages" (
	"message_id" text PRIMARY KEY NOT NULL,
	"notification_id" text NOT NULL,
	"ticket_id" text,
	"purpose" text NOT NULL,
	"recipient" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_sent_messages_notification_id_unique" UNIQUE("notification_id")
);
--> statement-breakpoint
CREATE INDEX "email_sent_messages_recipient_idx" ON "email_sent_messages" USING btree ("recipient","purpose","sent_at");
--> statement-breakpoint
CREATE INDEX "email_sent_messages_ticket_idx" ON "email_sent_messages" USING btree ("ticket_id","recipient");
