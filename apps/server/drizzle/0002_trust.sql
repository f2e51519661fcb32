CREATE TABLE "access_log" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" text NOT NULL,
	"actor_role" text NOT NULL,
	"actor_member_id" text,
	"enterprise_id" text NOT NULL,
	"enterprise_credit_code" text NOT NULL,
	"purpose" text NOT NULL,
	"scope" text NOT NULL,
	"resource" text NOT NULL,
	"outcome" text NOT NULL,
	"basis" text,
	"refusal_reason" text,
	"consent_id" text,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"member_id" text NOT NULL,
	"purpose" text NOT NULL,
	"scopes" text[] NOT NULL,
	"data_from" date NOT NULL,
	"data_to" date NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"max_lookups" integer NOT NULL,
	"lookups_used" integer DEFAULT 0 NOT NULL,
	"granted_by" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"member_id" text NOT NULL,
	"record_type" text NOT NULL,
	"record_id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"raised_by" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"reply" text,
	"answered_by" text,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_enterprise_idx" ON "access_log" USING btree ("enterprise_id","seq");--> statement-breakpoint
CREATE INDEX "access_log_at_idx" ON "access_log" USING btree ("at","seq");--> statement-breakpoint
CREATE INDEX "consents_enterprise_idx" ON "consents" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "consents_member_idx" ON "consents" USING btree ("member_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "disputes_enterprise_idx" ON "disputes" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "disputes_member_idx" ON "disputes" USING btree ("member_id","status");