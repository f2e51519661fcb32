CREATE TABLE "scoring_promotion_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"model_id" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"requested_by" text NOT NULL,
	"requested_by_name" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "scoring_promotion_requests" ADD CONSTRAINT "scoring_promotion_requests_model_id_scoring_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."scoring_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scoring_promotion_requests_one_pending_idx" ON "scoring_promotion_requests" USING btree ("model_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "scoring_promotion_requests_status_idx" ON "scoring_promotion_requests" USING btree ("status","requested_at");