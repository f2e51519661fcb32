import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Published peer statistics, frozen: each run for a year is a new version, so a figure quoted from
 * version 3 of 2024 can always be found again even after late submissions change the live numbers.
 */
export const peerStatisticsSnapshots = pgTable(
  'peer_statistics_snapshots',
  {
    id: text('id').primaryKey(),
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    minimumCellSize: integer('minimum_cell_size').notNull(),
    indicators: jsonb('indicators').$type<string[]>().notNull(),
    /** Published (not suppressed) cells and all cells, for the list view. */
    cellCount: integer('cell_count').notNull(),
    publishedCellCount: integer('published_cell_count').notNull(),
    enterpriseCount: integer('enterprise_count').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('peer_statistics_snapshots_year_version_idx').on(table.year, table.version)],
);

/** One row per cell (or industry × size margin) of a snapshot, in publication order. */
export const peerStatisticsSnapshotCells = pgTable(
  'peer_statistics_snapshot_cells',
  {
    snapshotId: text('snapshot_id')
      .notNull()
      .references(() => peerStatisticsSnapshots.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    level: text('level').notNull(),
    industryGroup: text('industry_group').notNull(),
    sizeClass: text('size_class').notNull(),
    provinceCode: text('province_code'),
    suppression: text('suppression'),
    count: bigint('count', { mode: 'number' }),
    defaultRate: doublePrecision('default_rate'),
    /** all / non_default / default, each with its count and per-indicator statistics (null when hidden). */
    subgroups: jsonb('subgroups').notNull(),
  },
  (table) => [
    uniqueIndex('peer_statistics_snapshot_cells_pk_idx').on(table.snapshotId, table.position),
    index('peer_statistics_snapshot_cells_group_idx').on(
      table.snapshotId,
      table.industryGroup,
      table.sizeClass,
    ),
  ],
);
