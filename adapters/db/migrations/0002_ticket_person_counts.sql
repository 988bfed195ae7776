CREATE TABLE "ticket_person_counts" (
	"role" text NOT NULL,
	"person_id" text NOT NULL,
	"status" text NOT NULL,
	"tickets" integer NOT NULL,
	CONSTRAINT "ticket_person_counts_role_person_id_status_pk" PRIMARY KEY("role","person_id","status")
);
