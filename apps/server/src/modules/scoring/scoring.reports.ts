import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** COPY text lines (tab-separated, escaped) of each firm's group memberships, a few thousand per chunk. */
function* membershipLines(
  members: ReadonlyArray<{ creditCode: string; keys: readonly string[]; defaulted: boolean }>,
): Generator<string> {
  const escapeCopyText = (text: string) =>
    text.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r');
  let chunk: string[] = [];
  for (const member of members) {
    const code = escapeCopyText(member.creditCode);
    for (const key of member.keys)
      chunk.push(`${code}\t${escapeCopyText(key)}\t${member.defaulted ? 't' : 'f'}\n`);
    if (chunk.length >= 4_000) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}

/** One stored score of an enterprise, with the model that computed it. */
export type ScoreHistoryEntry = {
  computedAt: string;
  modelId: string;
  modelVersion: number | null;
  score: number;
  pd: number;
  grade: string;
};

/** Statistics of the champion's latest scores over a group of enterprises. */
export type ScoreStatistics = {
  key: string;
  subgroup: 'all' | 'non_default' | 'default';
  count: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  p30: number | null;
  p70: number | null;
};

/** The scoring module's read side for reports: score history and score statistics over peer groups. */
export function createScoringReportReader(pool: pg.Pool) {
  return {
    /** Stored scores of one enterprise, newest first. */
    async listScoreHistory(creditCode: string, limit: number): Promise<ScoreHistoryEntry[]> {
      const result = await pool.query<{
        computed_at: Date;
        model_id: string;
        version: number | null;
        score: number;
        pd: number;
        grade: string;
      }>(
        `SELECT s.computed_at, s.model_id, m.version, s.score, s.pd, s.grade
         FROM enterprise_scores s LEFT JOIN scoring_models m ON m.id = s.model_id
         WHERE s.credit_code = $1 ORDER BY s.computed_at DESC, s.id DESC LIMIT $2`,
        [creditCode, limit],
      );
      return result.rows.map((row) => ({
        computedAt: row.computed_at.toISOString(),
        modelId: row.model_id,
        modelVersion: row.version,
        score: row.score,
        pd: row.pd,
        grade: row.grade,
      }));
    },

    /**
     * Mean, median, standard deviation and 30th/70th percentiles (percentile_cont) of the champion's latest
     * score per enterprise, per group key, for all, non-default and default members of each group. A firm may
     * belong to several groups (a cell and its margin). Groups without scored firms are absent.
     */
    async readScoreStatistics(
      members: ReadonlyArray<{ creditCode: string; keys: readonly string[]; defaulted: boolean }>,
    ): Promise<ScoreStatistics[]> {
      if (members.length === 0) return [];
      // A million firms are a million rows: they go to the server by COPY into a temporary table (array
      // parameters of that size cost more to encode and parse than the statistics themselves).
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `CREATE TEMP TABLE score_statistics_members (credit_code text NOT NULL, key text NOT NULL,
             defaulted boolean NOT NULL) ON COMMIT DROP`,
        );
        await pipeline(
          Readable.from(membershipLines(members)),
          client.query(copyFrom('COPY score_statistics_members FROM STDIN')),
        );
        await client.query('ANALYZE score_statistics_members');
        const result = await client.query<ScoreStatistics>(
          `WITH champion AS (SELECT id FROM scoring_models WHERE status = 'champion'),
           latest AS (
             SELECT DISTINCT ON (s.credit_code) s.credit_code, s.score FROM enterprise_scores s
             JOIN champion c ON c.id = s.model_id
             WHERE s.credit_code IN (SELECT credit_code FROM score_statistics_members)
             ORDER BY s.credit_code, s.computed_at DESC, s.id DESC
           ),
           scored AS (
             SELECT m.key, m.defaulted, l.score FROM score_statistics_members m JOIN latest l USING (credit_code)
           ),
           -- One sorted pass (key, defaulted) then key, and one sort per group for the three percentiles.
           grouped AS (
             SELECT key,
               CASE WHEN GROUPING(defaulted) = 1 THEN 'all' WHEN defaulted THEN 'default' ELSE 'non_default' END
                 AS subgroup,
               count(*)::int AS count, avg(score) AS mean, stddev_samp(score) AS sd,
               percentile_cont(ARRAY[0.3, 0.5, 0.7]) WITHIN GROUP (ORDER BY score) AS q
             FROM scored GROUP BY GROUPING SETS ((key), (key, defaulted))
           )
           SELECT key, subgroup, count, mean, q[2] AS median, sd, q[1] AS p30, q[3] AS p70 FROM grouped`,
        );
        await client.query('COMMIT');
        return result.rows;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

export type ScoringReportReader = ReturnType<typeof createScoringReportReader>;
