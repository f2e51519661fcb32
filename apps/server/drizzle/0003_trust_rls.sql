CREATE TABLE "enterprise_verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"attested_by" text,
	"attested_by_member_id" text,
	"attested_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "record_explanations" (
	"record_type" text NOT NULL,
	"record_id" text NOT NULL,
	"credit_code" text NOT NULL,
	"explanation" text NOT NULL,
	"written_by" text NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	CONSTRAINT "record_explanations_record_type_record_id_pk" PRIMARY KEY("record_type","record_id")
);
--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "frequency_limit" integer;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "frequency_period" text;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "corrected_record_id" text;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "archive_reason" text;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "corrects_dispute_id" text;--> statement-breakpoint
ALTER TABLE "public_records" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "public_records" ADD COLUMN "archive_reason" text;--> statement-breakpoint
ALTER TABLE "public_records" ADD COLUMN "corrects_dispute_id" text;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "corrects_dispute_id" text;--> statement-breakpoint
ALTER TABLE "enterprise_verifications" ADD CONSTRAINT "enterprise_verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_verifications_user_idx" ON "enterprise_verifications" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "enterprise_verifications_enterprise_idx" ON "enterprise_verifications" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE INDEX "record_explanations_enterprise_idx" ON "record_explanations" USING btree ("credit_code");--> statement-breakpoint
-- Row-level security: a second wall behind the services' checks. Reads made for an actor run as the read-only
-- role creditbridge_app (SET LOCAL ROLE) with app.role, app.member_id, app.enterprise_id and app.now set per
-- transaction (platform/db/read-context.ts); the policies below decide which rows that role sees.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'creditbridge_app') THEN
    CREATE ROLE creditbridge_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created meanwhile by a parallel migration
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT creditbridge_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL; -- already a member, or a superuser (which may SET ROLE to any role)
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO creditbridge_app;--> statement-breakpoint
GRANT SELECT ON ALL TABLES IN SCHEMA public TO creditbridge_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO creditbridge_app;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_setting(name text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.' || name, true), '')
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_is_trusted() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(app_setting('role') IN ('operator', 'system'), false)
$$;--> statement-breakpoint
-- Whether the acting party may see identified data of the enterprise with this credit code: the operator and
-- system jobs; the enterprise itself; a member that submitted anything about it; a member holding a consent
-- that is neither revoked nor past its validity. SECURITY DEFINER: it reads the fact tables whose policies
-- call it, which would otherwise recurse.
CREATE OR REPLACE FUNCTION app_may_read_enterprise(code text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT app_is_trusted()
    OR EXISTS (SELECT 1 FROM enterprises e WHERE e.credit_code = code AND e.id = app_setting('enterprise_id'))
    OR (app_setting('member_id') IS NOT NULL AND (
      EXISTS (
        SELECT 1 FROM consents c JOIN enterprises e ON e.id = c.enterprise_id
        WHERE e.credit_code = code AND c.member_id = app_setting('member_id') AND c.revoked_at IS NULL
          AND c.valid_until > coalesce(app_setting('now')::timestamptz, now())
      )
      OR EXISTS (SELECT 1 FROM enterprise_sources s WHERE s.credit_code = code AND s.member_id = app_setting('member_id'))
      OR EXISTS (SELECT 1 FROM statements s WHERE s.credit_code = code AND s.member_id = app_setting('member_id'))
      OR EXISTS (SELECT 1 FROM loans s WHERE s.credit_code = code AND s.member_id = app_setting('member_id'))
      OR EXISTS (SELECT 1 FROM public_records s WHERE s.credit_code = code AND s.member_id = app_setting('member_id'))
      OR EXISTS (SELECT 1 FROM invoices s WHERE s.credit_code = code AND s.member_id = app_setting('member_id'))
    ))
$$;--> statement-breakpoint
ALTER TABLE "enterprise_sources" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "statements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "loans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "public_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invoices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "record_explanations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise_scores" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "access_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "disputes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "enterprise_sources_read" ON "enterprise_sources" FOR SELECT TO creditbridge_app
  USING (member_id = app_setting('member_id') OR app_may_read_enterprise(credit_code));--> statement-breakpoint
CREATE POLICY "statements_read" ON "statements" FOR SELECT TO creditbridge_app
  USING (member_id = app_setting('member_id') OR app_may_read_enterprise(credit_code));--> statement-breakpoint
CREATE POLICY "loans_read" ON "loans" FOR SELECT TO creditbridge_app
  USING (member_id = app_setting('member_id') OR app_may_read_enterprise(credit_code));--> statement-breakpoint
CREATE POLICY "public_records_read" ON "public_records" FOR SELECT TO creditbridge_app
  USING (member_id = app_setting('member_id') OR app_may_read_enterprise(credit_code));--> statement-breakpoint
CREATE POLICY "invoices_read" ON "invoices" FOR SELECT TO creditbridge_app
  USING (member_id = app_setting('member_id') OR app_may_read_enterprise(credit_code));--> statement-breakpoint
CREATE POLICY "record_explanations_read" ON "record_explanations" FOR SELECT TO creditbridge_app
  USING (app_may_read_enterprise(credit_code));--> statement-breakpoint
CREATE POLICY "enterprise_scores_read" ON "enterprise_scores" FOR SELECT TO creditbridge_app
  USING (app_may_read_enterprise(credit_code));--> statement-breakpoint
CREATE POLICY "access_log_read" ON "access_log" FOR SELECT TO creditbridge_app
  USING (app_is_trusted() OR enterprise_id = app_setting('enterprise_id') OR actor_member_id = app_setting('member_id'));--> statement-breakpoint
CREATE POLICY "consents_read" ON "consents" FOR SELECT TO creditbridge_app
  USING (app_is_trusted() OR enterprise_id = app_setting('enterprise_id') OR member_id = app_setting('member_id'));--> statement-breakpoint
CREATE POLICY "disputes_read" ON "disputes" FOR SELECT TO creditbridge_app
  USING (app_is_trusted() OR enterprise_id = app_setting('enterprise_id') OR member_id = app_setting('member_id'));
