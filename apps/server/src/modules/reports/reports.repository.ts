import type pg from 'pg';
import { provinceNameOf } from './peer-statistics.js';
import type { TPeerStatistics, TPeerStatisticsCell, TPeerStatisticsSnapshotMeta } from './reports.schemas.js';

type SnapshotRow = {
  id: string;
  year: number;
  version: number;
  minimum_cell_size: number;
  indicators: string[];
  cell_count: number;
  published_cell_count: number;
  enterprise_count: number;
  created_by: string;
  created_at: Date;
};

const metaOf = (row: SnapshotRow): TPeerStatisticsSnapshotMeta => ({
  id: row.id,
  year: row.year,
  version: row.version,
  minimumCellSize: row.minimum_cell_size,
  cellCount: row.cell_count,
  publishedCellCount: row.published_cell_count,
  enterpriseCount: row.enterprise_count,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
});

/** Cells go in by the thousand: one INSERT … SELECT FROM unnest per batch. */
const CELL_BATCH = 2_000;

/** All SQL of the reports module: the peer-statistics snapshots it publishes. */
export function createReportsRepository(pool: pg.Pool) {
  return {
    /**
     * Stores statistics as the next version for their year, in one transaction: a reader never sees a
     * snapshot without its cells, and two concurrent runs for a year get consecutive versions.
     */
    async insertSnapshot(
      statistics: TPeerStatistics,
      createdBy: string,
      enterpriseCount: number,
    ): Promise<TPeerStatisticsSnapshotMeta> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query("SELECT pg_advisory_xact_lock(hashtext('peer_statistics_snapshots'), $1)", [
          statistics.year,
        ]);
        const next = await client.query<{ version: number }>(
          'SELECT coalesce(max(version), 0) + 1 AS version FROM peer_statistics_snapshots WHERE year = $1',
          [statistics.year],
        );
        const version = next.rows[0]?.version ?? 1;
        const id = `pss_${statistics.year}_v${version}`;
        const inserted = await client.query<SnapshotRow>(
          `INSERT INTO peer_statistics_snapshots
             (id, year, version, minimum_cell_size, indicators, cell_count, published_cell_count, enterprise_count, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
          [
            id,
            statistics.year,
            version,
            statistics.minimumCellSize,
            JSON.stringify(statistics.indicators),
            statistics.cells.length,
            statistics.cells.filter((cell) => cell.suppression === null).length,
            enterpriseCount,
            createdBy,
          ],
        );
        for (let start = 0; start < statistics.cells.length; start += CELL_BATCH) {
          const batch = statistics.cells.slice(start, start + CELL_BATCH);
          await client.query(
            `INSERT INTO peer_statistics_snapshot_cells
               (snapshot_id, position, level, industry_group, size_class, province_code, suppression, count,
                default_rate, subgroups)
             SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
               $8::bigint[], $9::float8[], $10::jsonb[])`,
            [
              id,
              batch.map((_, index) => start + index),
              batch.map((cell) => cell.level),
              batch.map((cell) => cell.industryGroup),
              batch.map((cell) => cell.sizeClass),
              batch.map((cell) => cell.provinceCode),
              batch.map((cell) => cell.suppression),
              batch.map((cell) => cell.count),
              batch.map((cell) => cell.defaultRate),
              batch.map((cell) => JSON.stringify(cell.subgroups)),
            ],
          );
        }
        await client.query('COMMIT');
        const row = inserted.rows[0];
        if (!row) throw new Error('peer statistics snapshot was not inserted');
        return metaOf(row);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },

    /** Newest first; one year or all. */
    async listSnapshots(year: number | null): Promise<TPeerStatisticsSnapshotMeta[]> {
      const result = await pool.query<SnapshotRow>(
        `SELECT * FROM peer_statistics_snapshots WHERE ($1::int IS NULL OR year = $1)
         ORDER BY year DESC, version DESC`,
        [year],
      );
      return result.rows.map(metaOf);
    },

    /** A snapshot with its cells, or null; `version` null means the latest of the year. */
    async findSnapshot(
      year: number,
      version: number | null,
    ): Promise<{ meta: TPeerStatisticsSnapshotMeta; statistics: TPeerStatistics } | null> {
      const found = await pool.query<SnapshotRow>(
        `SELECT * FROM peer_statistics_snapshots WHERE year = $1 AND ($2::int IS NULL OR version = $2)
         ORDER BY version DESC LIMIT 1`,
        [year, version],
      );
      const row = found.rows[0];
      if (!row) return null;
      const cells = await pool.query<{
        level: TPeerStatisticsCell['level'];
        industry_group: string;
        size_class: string;
        province_code: string | null;
        suppression: TPeerStatisticsCell['suppression'];
        count: string | null;
        default_rate: number | null;
        subgroups: TPeerStatisticsCell['subgroups'];
      }>(
        `SELECT level, industry_group, size_class, province_code, suppression, count, default_rate, subgroups
         FROM peer_statistics_snapshot_cells WHERE snapshot_id = $1 ORDER BY position`,
        [row.id],
      );
      return {
        meta: metaOf(row),
        statistics: {
          year: row.year,
          minimumCellSize: row.minimum_cell_size,
          indicators: row.indicators,
          cells: cells.rows.map((cell) => ({
            level: cell.level,
            industryGroup: cell.industry_group,
            sizeClass: cell.size_class,
            provinceCode: cell.province_code,
            provinceName: provinceNameOf(cell.province_code),
            suppression: cell.suppression,
            count: cell.count === null ? null : Number(cell.count),
            defaultRate: cell.default_rate,
            subgroups: cell.subgroups,
          })),
        },
      };
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
