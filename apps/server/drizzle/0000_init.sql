CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"csrf_token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"member_id" text,
	"enterprise_id" text,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_login_unique" UNIQUE("login")
);
--> statement-breakpoint
CREATE TABLE "enterprise_sources" (
	"credit_code" text NOT NULL,
	"member_id" text NOT NULL,
	"submission_id" text NOT NULL,
	"source_row" integer NOT NULL,
	"fields" jsonb NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_sources_credit_code_member_id_pk" PRIMARY KEY("credit_code","member_id")
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" text PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"name" text,
	"industry_code" text,
	"industry_group" text,
	"size_class" text,
	"size_standard_version" text,
	"division_code" text NOT NULL,
	"province_code" text NOT NULL,
	"established_on" date,
	"employees" integer,
	"annual_revenue_fen" bigint,
	"total_assets_fen" bigint,
	"registered_capital_fen" bigint,
	"address" text,
	"has_conflicts" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"member_id" text NOT NULL,
	"submission_id" text NOT NULL,
	"source_row" integer NOT NULL,
	"direction" text NOT NULL,
	"invoice_no" text NOT NULL,
	"issued_on" date NOT NULL,
	"counterparty" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"tax_fen" bigint NOT NULL,
	"total_fen" bigint NOT NULL,
	"is_void" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"member_id" text NOT NULL,
	"submission_id" text NOT NULL,
	"source_row" integer NOT NULL,
	"loan_ref" text NOT NULL,
	"product" text NOT NULL,
	"principal_fen" bigint NOT NULL,
	"granted_on" date NOT NULL,
	"maturity_on" date,
	"as_of" date NOT NULL,
	"outstanding_fen" bigint NOT NULL,
	"days_past_due" integer NOT NULL,
	"status" text NOT NULL,
	"default_on" date,
	"collateral" text,
	"superseded_by" bigint
);
--> statement-breakpoint
CREATE TABLE "public_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"member_id" text NOT NULL,
	"submission_id" text NOT NULL,
	"source_row" integer NOT NULL,
	"record_type" text NOT NULL,
	"reference_no" text NOT NULL,
	"authority" text NOT NULL,
	"decided_on" date NOT NULL,
	"ended_on" date,
	"amount_fen" bigint,
	"description" text,
	"superseded_by" bigint
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"member_id" text NOT NULL,
	"submission_id" text NOT NULL,
	"source_row" integer NOT NULL,
	"period_end" date NOT NULL,
	"period_type" text NOT NULL,
	"lines" jsonb NOT NULL,
	"superseded_by" bigint
);
--> statement-breakpoint
CREATE TABLE "submission_errors" (
	"submission_id" text NOT NULL,
	"seq" integer NOT NULL,
	"row" integer,
	"field" text,
	"value" text,
	"rule" text NOT NULL,
	"message" text NOT NULL,
	CONSTRAINT "submission_errors_submission_id_seq_pk" PRIMARY KEY("submission_id","seq")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" text PRIMARY KEY NOT NULL,
	"member_id" text NOT NULL,
	"submitted_by" text NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"mode" text NOT NULL,
	"content_hash" text,
	"idempotency_key" text,
	"status" text NOT NULL,
	"rows_total" integer DEFAULT 0 NOT NULL,
	"rows_accepted" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"stats" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"actor_user_id" text,
	"actor_member_id" text,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_member_idx" ON "users" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "enterprises_name_idx" ON "enterprises" USING btree ("name");--> statement-breakpoint
CREATE INDEX "invoices_enterprise_idx" ON "invoices" USING btree ("credit_code","invoice_no");--> statement-breakpoint
CREATE INDEX "invoices_submission_idx" ON "invoices" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "loans_enterprise_idx" ON "loans" USING btree ("credit_code","as_of");--> statement-breakpoint
CREATE INDEX "loans_member_ref_idx" ON "loans" USING btree ("member_id","loan_ref","as_of");--> statement-breakpoint
CREATE INDEX "loans_submission_idx" ON "loans" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "public_records_enterprise_idx" ON "public_records" USING btree ("credit_code","record_type","reference_no");--> statement-breakpoint
CREATE INDEX "public_records_submission_idx" ON "public_records" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "statements_enterprise_idx" ON "statements" USING btree ("credit_code","period_end");--> statement-breakpoint
CREATE INDEX "statements_submission_idx" ON "statements" USING btree ("submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_idempotency_idx" ON "submissions" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "submissions_member_idx" ON "submissions" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");