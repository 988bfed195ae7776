-- Senders of mail who are not on the roster (issue 3: unknown senders become contacts).
CREATE TABLE "email_contacts" (
	"address" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"department" text,
	"office_location" text,
	"language" text,
	"note" text,
	"name_from_operator" boolean DEFAULT false NOT NULL,
	"mails" bigint DEFAULT 0 NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_contacts_language_check" CHECK ("email_contacts"."language" is null or "email_contacts"."language" in ('zh', 'en'))
);
--> statement-breakpoint
CREATE INDEX "email_contacts_last_seen_idx" ON "email_contacts" USING btree ("last_seen_at");
