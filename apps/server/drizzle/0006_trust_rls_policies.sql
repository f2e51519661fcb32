-- Row-level security, second version: the check of whether the acting party may read an enterprise runs once
-- per query, not once per row. A read names the enterprise it is about (app.credit_code); the policies show the
-- acting member's own rows, the acting enterprise's rows, and the rows of the enterprise the read is about when
-- the acting party may read it (submitter, live consent). Every setting and check is an uncorrelated scalar
-- subquery, so PostgreSQL evaluates it once (an InitPlan) instead of for every row.
CREATE OR REPLACE FUNCTION app_enterprise_credit_code() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT credit_code FROM enterprises WHERE id = app_setting('enterprise_id')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_may_read_target() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT app_setting('credit_code') IS NOT NULL AND app_may_read_enterprise(app_setting('credit_code'))
$$;
--> statement-breakpoint
DROP POLICY IF EXISTS "enterprise_sources_read" ON "enterprise_sources";
--> statement-breakpoint
CREATE POLICY "enterprise_sources_read" ON "enterprise_sources" FOR SELECT TO creditbridge_app USING (
  (SELECT app_is_trusted())
  OR member_id = (SELECT app_setting('member_id'))
  OR credit_code = (SELECT app_enterprise_credit_code())
  OR (credit_code = (SELECT app_setting('credit_code')) AND (SELECT app_may_read_target()))
);
--> statement-breakpoint
DROP POLICY IF EXISTS "statements_read" ON "statements";
--> statement-breakpoint
CREATE POLICY "statements_read" ON "statements" FOR SELECT TO creditbridge_app USING (
  (SELECT app_is_trusted())
  OR member_id = (SELECT app_setting('member_id'))
  OR credit_code = (SELECT app_enterprise_credit_code())
  OR (credit_code = (SELECT app_setting('credit_code')) AND (SELECT app_may_read_target()))
);
--> statement-breakpoint
DROP POLICY IF EXISTS "loans_read" ON "loans";
--> statement-breakpoint
CREATE POLICY "loans_read" ON "loans" FOR SELECT TO creditbridge_app USING (
  (SELECT app_is_trusted())
  OR member_id = (SELECT app_setting('member_id'))
  OR credit_code = (SELECT app_enterprise_credit_code())
  OR (credit_code = (SELECT app_setting('credit_code')) AND (SELECT app_may_read_target()))
);
--> statement-breakpoint
DROP POLICY IF EXISTS "public_records_read" ON "public_records";
--> statement-breakpoint
CREATE POLICY "public_records_read" ON "public_records" FOR SELECT TO creditbridge_app USING (
  (SELECT app_is_trusted())
  OR member_id = (SELECT app_setting('member_id'))
  OR credit_code = (SELECT app_enterprise_credit_code())
  OR (credit_code = (SELECT app_setting('credit_code')) AND (SELECT app_may_read_target()))
);
--> statement-breakpoint
DROP POLICY IF EXISTS "invoices_read" ON "invoices";
--> statement-breakpoint
CREATE POLICY "invoices_read" ON "invoices" FOR SELECT TO creditbridge_app USING (
  (SELECT app_is_trusted())
  OR member_id = (SELECT app_setting('member_id'))
  OR credit_code = (SELECT app_enterprise_credit_code())
  OR (credit_code = (SELECT app_setting('credit_code')) AND (SELECT app_may_read_target()))
);
--> statement-breakpoint
DROP POLICY IF EXISTS "record_explanations_read" ON "record_explanations";
--> statement-breakpoint
CREATE POLICY "record_explanations_read" ON "record_explanations" FOR SELECT TO creditbridge_app USING (
  (SELECT app_is_trusted())
  OR credit_code = (SELECT app_enterprise_credit_code())
  OR (credit_code = (SELECT app_setting('credit_code')) AND (SELECT app_may_read_target()))
);
--> statement-breakpoint
DROP POLICY IF EXISTS "enterprise_scores_read" ON "enterprise_scores";
--> statement-breakpoint
CREATE POLICY "enterprise_scores_read" ON "enterprise_scores" FOR SELECT TO creditbridge_app USING (
  (SELECT app_is_trusted())
  OR credit_code = (SELECT app_enterprise_credit_code())
  OR (credit_code = (SELECT app_setting('credit_code')) AND (SELECT app_may_read_target()))
);
--> statement-breakpoint
DROP POLICY IF EXISTS "access_log_read" ON "access_log";
--> statement-breakpoint
CREATE POLICY "access_log_read" ON "access_log" FOR SELECT TO creditbridge_app USING (
  (SELECT app_is_trusted())
  OR enterprise_id = (SELECT app_setting('enterprise_id'))
  OR actor_member_id = (SELECT app_setting('member_id'))
);
--> statement-breakpoint
DROP POLICY IF EXISTS "consents_read" ON "consents";
--> statement-breakpoint
CREATE POLICY "consents_read" ON "consents" FOR SELECT TO creditbridge_app USING (
  (SELECT app_is_trusted())
  OR enterprise_id = (SELECT app_setting('enterprise_id'))
  OR member_id = (SELECT app_setting('member_id'))
);
--> statement-breakpoint
DROP POLICY IF EXISTS "disputes_read" ON "disputes";
--> statement-breakpoint
CREATE POLICY "disputes_read" ON "disputes" FOR SELECT TO creditbridge_app USING (
  (SELECT app_is_trusted())
  OR enterprise_id = (SELECT app_setting('enterprise_id'))
  OR member_id = (SELECT app_setting('member_id'))
);
