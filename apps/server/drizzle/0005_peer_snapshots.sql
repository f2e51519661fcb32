CREATE TABLE "peer_statistics_snapshot_cells" (
	"snapshot_id" text NOT NULL,
	"position" integer NOT NULL,
	"level" text NOT NULL,
	"industry_group" text NOT NULL,
	"size_class" text NOT NULL,
	"province_code" text,
	"suppression" text,
	"count" bigint,
	"default_rate" double precision,
	"subgroups" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "peer_statistics_snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"minimum_cell_size" integer NOT NULL,
	"indicators" jsonb NOT NULL,
	"cell_count" integer NOT NULL,
	"published_cell_count" integer NOT NULL,
	"enterprise_count" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "peer_statistics_snapshot_cells" ADD CONSTRAINT "peer_statistics_snapshot_cells_snapshot_id_peer_statistics_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."peer_statistics_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "peer_statistics_snapshot_cells_pk_idx" ON "peer_statistics_snapshot_cells" USING btree ("snapshot_id","position");--> statement-breakpoint
CREATE INDEX "peer_statistics_snapshot_cells_group_idx" ON "peer_statistics_snapshot_cells" USING btree ("snapshot_id","industry_group","size_class");--> statement-breakpoint
CREATE UNIQUE INDEX "peer_statistics_snapshots_year_version_idx" ON "peer_statistics_snapshots" USING btree ("year","version");