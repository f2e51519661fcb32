CREATE TABLE "enterprise_feature_changes" (
	"credit_code" text NOT NULL,
	"xid" bigint NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_feature_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"snapshot" text NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_features" (
	"credit_code" text PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"feature_set" text NOT NULL,
	"numeric_values" double precision[] NOT NULL,
	"text_values" text[] NOT NULL,
	"data_changed_at" timestamp with time zone NOT NULL,
	"snapshot_id" bigint NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"features_changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "enterprise_feature_changes_code_idx" ON "enterprise_feature_changes" USING btree ("credit_code","xid");--> statement-breakpoint
-- Every write to the registry's feature sources marks the enterprises it touched: one set-based INSERT per
-- statement (transition tables, so a COPY of a million invoices costs one INSERT … SELECT DISTINCT, not a
-- million trigger calls), in the writing transaction (a rolled-back import marks nothing).
CREATE FUNCTION mark_enterprise_features_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO enterprise_feature_changes (credit_code, xid)
    SELECT DISTINCT credit_code, pg_current_xact_id()::text::bigint FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO enterprise_feature_changes (credit_code, xid)
    SELECT DISTINCT credit_code, pg_current_xact_id()::text::bigint FROM old_rows;
  ELSE
    INSERT INTO enterprise_feature_changes (credit_code, xid)
    SELECT DISTINCT credit_code, pg_current_xact_id()::text::bigint
    FROM (SELECT credit_code FROM new_rows UNION SELECT credit_code FROM old_rows) touched;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  source text;
BEGIN
  FOREACH source IN ARRAY ARRAY['enterprises', 'statements', 'loans', 'public_records', 'invoices'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION mark_enterprise_features_stale()', source || '_features_stale_ins', source);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION mark_enterprise_features_stale()', source || '_features_stale_upd', source);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION mark_enterprise_features_stale()', source || '_features_stale_del', source);
  END LOOP;
END $$;
--> statement-breakpoint
-- the enterprises already registered have no features in the store yet: all of them are to be computed
INSERT INTO enterprise_feature_changes (credit_code, xid)
SELECT credit_code, pg_current_xact_id()::text::bigint FROM enterprises;
--> statement-breakpoint
-- only batch jobs (the owning connection) read the store: the reader role of actor-scoped reads sees none of it
-- (migration 0003 grants it SELECT on every table by default, and the store has no row-level policies)
REVOKE ALL ON enterprise_features, enterprise_feature_changes, enterprise_feature_snapshots FROM creditbridge_app;
