import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
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
 * The model registry: every trained points table with its training data hash, hold-out metrics and the
 * reference distributions that monitoring compares the current population with.
 */
export const scoringModels = pgTable(
  'scoring_models',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    /** challenger | champion | retired; at most one champion (partial unique index below). */
    status: text('status').notNull(),
    /** registry (features built from registry data) | csv (an uploaded data set; cannot score enterprises). */
    source: text('source').notNull(),
    asOf: text('as_of'),
    horizonMonths: integer('horizon_months'),
    model: jsonb('model').notNull(),
    trainingDataHash: text('training_data_hash').notNull(),
    metrics: jsonb('metrics'),
    validationReport: jsonb('validation_report').notNull(),
    monitoringReference: jsonb('monitoring_reference').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('scoring_models_kind_version_idx').on(table.kind, table.version),
    uniqueIndex('scoring_models_one_champion_idx').on(table.status).where(sql`status = 'champion'`),
  ],
);

/** Each promotion of a challenger to champion; a second person's approval is recorded later. */
export const scoringModelPromotions = pgTable('scoring_model_promotions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  modelId: text('model_id').notNull(),
  previousChampionId: text('previous_champion_id'),
  promotedBy: text('promoted_by').notNull(),
  promotedAt: timestamp('promoted_at', { withTimezone: true }).notNull().defaultNow(),
  reason: text('reason'),
  approvedBy: text('approved_by'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
});

/** Scores computed online or in batch; the latest per enterprise and model is the current one. */
export const enterpriseScores = pgTable(
  'enterprise_scores',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    creditCode: text('credit_code').notNull(),
    modelId: text('model_id').notNull(),
    score: doublePrecision('score').notNull(),
    pd: doublePrecision('pd').notNull(),
    grade: text('grade').notNull(),
    reasons: jsonb('reasons').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('enterprise_scores_enterprise_idx').on(table.creditCode, table.computedAt),
    index('enterprise_scores_model_idx').on(table.modelId, table.creditCode),
  ],
);

/**
 * Four eyes on the champion: a trainer asks for a challenger's promotion, a different user (approver or
 * operator) approves or rejects it. At most one request per model is pending (partial unique index).
 */
export const scoringPromotionRequests = pgTable(
  'scoring_promotion_requests',
  {
    id: text('id').primaryKey(),
    modelId: text('model_id')
      .notNull()
      .references(() => scoringModels.id),
    /** pending | approved | rejected */
    status: text('status').notNull(),
    reason: text('reason'),
    requestedBy: text('requested_by').notNull(),
    /** Display names as they were at the time: the scoring module does not read the users table. */
    requestedByName: text('requested_by_name').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: text('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (table) => [
    uniqueIndex('scoring_promotion_requests_one_pending_idx')
      .on(table.modelId)
      .where(sql`status = 'pending'`),
    index('scoring_promotion_requests_status_idx').on(table.status, table.requestedAt),
  ],
);

/**
 * The feature store: every enterprise's scoring features as of one date (`as_of`, usually today), so that
 * re-scoring the registry reads 1M rows instead of re-running the registry's feature SQL (`feature-store.ts`).
 * Numeric features in `FEATURE_DEFINITIONS` order as one float8[] (NULL = missing), text features likewise
 * as one text[]; `feature_set` names the definitions the arrays follow (a row of another set is missing).
 * `snapshot_id`: the database snapshot taken before the features were read (`enterprise_feature_snapshots`):
 * a registry change whose transaction that snapshot does not see may be missing from the row (see
 * `enterprise_feature_changes`).
 */
export const enterpriseFeatures = pgTable('enterprise_features', {
  creditCode: text('credit_code').primaryKey(),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  featureSet: text('feature_set').notNull(),
  numericValues: doublePrecision('numeric_values').array().notNull(),
  textValues: text('text_values').array().notNull(),
  /** The registry's "data changed at" of the enterprise when its features were read. */
  dataChangedAt: timestamp('data_changed_at', { withTimezone: true }).notNull(),
  snapshotId: bigint('snapshot_id', { mode: 'number' }).notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  /** When the values last differed from the row they replaced (incremental re-scoring compares it). */
  featuresChangedAt: timestamp('features_changed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Snapshots (pg_current_snapshot() as text) taken before feature store refreshes read the registry. */
export const enterpriseFeatureSnapshots = pgTable('enterprise_feature_snapshots', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  snapshot: text('snapshot').notNull(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Which enterprises' registry data changed, and in which transaction (pg_current_xact_id, as a number):
 * appended by statement-level triggers on enterprises, statements, loans, public_records and invoices
 * (migration 0008), so imports, corrections and retention archiving all mark the features they affect.
 * A row is stale when its snapshot does not see a change of its enterprise (pg_visible_in_snapshot);
 * refreshes delete the changes they cover.
 */
export const enterpriseFeatureChanges = pgTable(
  'enterprise_feature_changes',
  {
    creditCode: text('credit_code').notNull(),
    xid: bigint('xid', { mode: 'number' }).notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('enterprise_feature_changes_code_idx').on(table.creditCode, table.xid)],
);
