import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type ModelRow = {
  id: string;
  kind: 'scorecard' | 'gam';
  version: number;
  status: 'challenger' | 'champion' | 'retired';
  source: 'registry' | 'csv';
  as_of: string | null;
  horizon_months: number | null;
  model: unknown;
  training_data_hash: string;
  metrics: unknown;
  validation_report: Record<string, unknown>;
  monitoring_reference: unknown;
  created_by: string;
  created_at: Date;
};

export type PromotionRow = {
  previous_champion_id: string | null;
  promoted_by: string;
  promoted_at: Date;
  reason: string | null;
  approved_by: string | null;
};

export type NewScore = {
  creditCode: string;
  modelId: string;
  score: number;
  pd: number;
  grade: string;
  reasons: unknown;
};

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value as a field of COPY's text format (backslash, tab, newline and carriage return escaped). */
export function copyText(value: string): string {
  return COPY_SPECIAL.test(value)
    ? value.replace(COPY_SPECIAL_ALL, (char) => COPY_ESCAPED[char] as string)
    : value;
}

const SUMMARY_COLUMNS = `id, kind, version, status, source, as_of, horizon_months, training_data_hash, metrics,
  jsonb_build_object('features', model->'features') AS model, created_by, created_at`;

export function createScoringRepository(pool: pg.Pool) {
  return {
    async listModels(): Promise<ModelRow[]> {
      const result = await pool.query<ModelRow>(
        `SELECT ${SUMMARY_COLUMNS}, '{}'::jsonb AS validation_report, 'null'::jsonb AS monitoring_reference
         FROM scoring_models ORDER BY created_at DESC, id DESC`,
      );
      return result.rows;
    },

    async findModel(id: string): Promise<ModelRow | null> {
      const result = await pool.query<ModelRow>('SELECT * FROM scoring_models WHERE id = $1', [id]);
      return result.rows[0] ?? null;
    },

    async findChampion(): Promise<ModelRow | null> {
      const result = await pool.query<ModelRow>("SELECT * FROM scoring_models WHERE status = 'champion'");
      return result.rows[0] ?? null;
    },

    async listPromotions(modelId: string): Promise<PromotionRow[]> {
      const result = await pool.query<PromotionRow>(
        `SELECT previous_champion_id, promoted_by, promoted_at, reason, approved_by
         FROM scoring_model_promotions WHERE model_id = $1 ORDER BY promoted_at, id`,
        [modelId],
      );
      return result.rows;
    },

    /** Inserts a model with the next version of its kind (the unique index settles a concurrent race). */
    async insertModel(row: Omit<ModelRow, 'version' | 'created_at'>): Promise<ModelRow> {
      const result = await pool.query<ModelRow>(
        `INSERT INTO scoring_models (id, kind, version, status, source, as_of, horizon_months, model,
           training_data_hash, metrics, validation_report, monitoring_reference, created_by)
         SELECT $1, $2::text, coalesce(max(version), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
         FROM scoring_models WHERE kind = $2::text
         RETURNING *`,
        [
          row.id,
          row.kind,
          row.status,
          row.source,
          row.as_of,
          row.horizon_months,
          JSON.stringify(row.model),
          row.training_data_hash,
          JSON.stringify(row.metrics),
          JSON.stringify(row.validation_report),
          JSON.stringify(row.monitoring_reference),
          row.created_by,
        ],
      );
      const inserted = result.rows[0];
      if (!inserted) throw new Error('insertModel: no row returned');
      return inserted;
    },

    /** One transaction: the old champion retires, the model becomes champion, the promotion is recorded. */
    async promote(input: { modelId: string; promotedBy: string; reason: string | null }) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('LOCK TABLE scoring_models IN SHARE ROW EXCLUSIVE MODE');
        const previous = await client.query<{ id: string }>(
          "UPDATE scoring_models SET status = 'retired' WHERE status = 'champion' AND id <> $1 RETURNING id",
          [input.modelId],
        );
        await client.query("UPDATE scoring_models SET status = 'champion' WHERE id = $1", [input.modelId]);
        const previousChampionId = previous.rows[0]?.id ?? null;
        await client.query(
          `INSERT INTO scoring_model_promotions (model_id, previous_champion_id, promoted_by, reason)
           VALUES ($1, $2, $3, $4)`,
          [input.modelId, previousChampionId, input.promotedBy, input.reason],
        );
        await client.query('COMMIT');
        return { previousChampionId };
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },

    /**
     * Records one enterprise's online score: a new history point unless the enterprise's latest score is the
     * same model's same score and grade from the same day (a look-up or a report read then reuses it, so the
     * score history does not gain a point per page view). Returns when the recorded score was computed.
     * computed_at is the database's clock, the same clock that stamps submissions: incremental re-scoring
     * compares the two.
     */
    async recordOnlineScore(entry: NewScore): Promise<Date> {
      const result = await pool.query<{ computed_at: Date }>(
        `WITH latest AS (
           SELECT model_id, score, grade, computed_at FROM enterprise_scores
           WHERE credit_code = $1 ORDER BY computed_at DESC LIMIT 1
         ), same AS (
           SELECT computed_at FROM latest
           WHERE model_id = $2 AND score = $3 AND grade = $5 AND computed_at::date = now()::date
         ), inserted AS (
           INSERT INTO enterprise_scores (credit_code, model_id, score, pd, grade, reasons, computed_at)
           SELECT $1, $2, $3, $4, $5, $6::jsonb, now() WHERE NOT EXISTS (SELECT 1 FROM same)
           RETURNING computed_at
         )
         SELECT computed_at FROM inserted UNION ALL SELECT computed_at FROM same`,
        [entry.creditCode, entry.modelId, entry.score, entry.pd, entry.grade, JSON.stringify(entry.reasons)],
      );
      return result.rows[0]?.computed_at as Date;
    },

    /**
     * Writes scores given as COPY text lines of (credit_code, model_id, score, pd, grade, reasons) with one
     * COPY, about 1 MB per chunk; `computed_at` is the database's clock, as in {@link insertScores}.
     */
    async copyScoreLines(lines: readonly string[]): Promise<void> {
      if (lines.length === 0) return;
      function* chunks() {
        let chunk = '';
        for (const line of lines) {
          chunk += line;
          if (chunk.length >= 1 << 20) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      }
      const client = await pool.connect();
      try {
        const stream = client.query(
          copyFrom('COPY enterprise_scores (credit_code, model_id, score, pd, grade, reasons) FROM STDIN'),
        );
        await pipeline(Readable.from(chunks()), stream);
      } finally {
        client.release();
      }
    },

    /** Whether any enterprise was scored with the model at or after a time (a retried full re-scoring). */
    async anyScoredSince(modelId: string, since: Date): Promise<boolean> {
      const result = await pool.query(
        'SELECT 1 FROM enterprise_scores WHERE model_id = $1 AND computed_at >= $2 LIMIT 1',
        [modelId, since],
      );
      return (result.rowCount ?? 0) > 0;
    },
  };
}

export type ScoringRepository = ReturnType<typeof createScoringRepository>;
