CREATE TABLE "enterprise_scores" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"model_id" text NOT NULL,
	"score" double precision NOT NULL,
	"pd" double precision NOT NULL,
	"grade" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "scoring_model_promotions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"model_id" text NOT NULL,
	"previous_champion_id" text,
	"promoted_by" text NOT NULL,
	"promoted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"approved_by" text,
	"approved_at" timestamp with time zone
);--> statement-breakpoint
CREATE TABLE "scoring_models" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"as_of" text,
	"horizon_months" integer,
	"model" jsonb NOT NULL,
	"training_data_hash" text NOT NULL,
	"metrics" jsonb,
	"validation_report" jsonb NOT NULL,
	"monitoring_reference" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "enterprise_scores_enterprise_idx" ON "enterprise_scores" USING btree ("credit_code","computed_at");--> statement-breakpoint
CREATE INDEX "enterprise_scores_model_idx" ON "enterprise_scores" USING btree ("model_id","credit_code");--> statement-breakpoint
CREATE UNIQUE INDEX "scoring_models_kind_version_idx" ON "scoring_models" USING btree ("kind","version");--> statement-breakpoint
CREATE UNIQUE INDEX "scoring_models_one_champion_idx" ON "scoring_models" USING btree ("status") WHERE status = 'champion';
