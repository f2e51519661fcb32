import { createHash } from 'node:crypto';
import {
  type ColumnarDataset,
  type CompiledModel,
  calibrationByGrade,
  columnsFromRows,
  compileModel,
  counterfactual,
  gradeOf,
  parseModel,
  psi,
  type ReasonCode,
  type ScoringModel,
  score,
  scoreBatch,
  scoreBatchWithReasons,
  train,
} from '@creditbridge/scoring';
import { parse as parseCsv } from 'csv-parse/sync';
import type pg from 'pg';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Clock, TActor } from '../access/index.js';
import { type EnterpriseFeatures, FEATURE_DEFINITIONS } from '../registry/index.js';
import {
  addCounts,
  countFeatureBins,
  countScores,
  type MonitoringReference,
  scoreDecileEdges,
} from './feature-bins.js';
import { datasetOf } from './feature-dataset.js';
import {
  createFeatureStore,
  type RefreshResult,
  type RegistryFeatureSource,
  type StoreSelection,
} from './feature-store.js';
import { copyText, createScoringRepository, type ModelRow } from './scoring.repository.js';
import type {
  TEnterpriseScore,
  TModelDetail,
  TModelSummary,
  TMonitoring,
  TRescoreResult,
  TTrainRequest,
} from './scoring.schemas.js';
import { validationChartsOf } from './validation-charts.js';

export type { RegistryFeatureSource } from './feature-store.js';

type Deps = {
  pool: pg.Pool;
  clock: Clock;
  features: RegistryFeatureSource;
  /** Enterprises per page when streaming features. @default 1000 */
  pageSize?: number;
  /** Enterprises per batch of re-scoring (one COPY each). @default 10000 */
  rescoreBatchSize?: number;
  /** More stale or missing feature rows than this: the store is refreshed by the full pass. @default 100000 */
  featureRefreshFullAbove?: number;
  /**
   * Decides (and logs) an identified read of one enterprise's score: consent, submitter, the enterprise
   * itself or the operator. Wired to the registry's enterprise-read check in services.ts.
   */
  authorizeEnterpriseRead: (input: { actor: TActor; creditCode: string; resource: string }) => Promise<void>;
};

const TRAINERS = ['operator', 'analyst'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const REASONS_KEPT = 5;

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function monthsBefore(iso: string, months: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return isoDate(date);
}

function invalid(message: string, cause?: unknown): AppError {
  return new AppError('SCORING_INVALID_INPUT', { message, cause });
}

/** The package refuses bad data with TypeError/RangeError: those are the caller's input, not our fault. */
function asInputError(error: unknown): unknown {
  if (error instanceof RangeError || error instanceof TypeError) return invalid(error.message, error);
  return error;
}

function featureNamesOf(model: ScoringModel): string[] {
  return model.features.map((term) => term.feature);
}

function toSummary(row: ModelRow): TModelSummary {
  const model = row.model as { features?: Array<{ feature: string }> };
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    status: row.status,
    source: row.source,
    asOf: row.as_of,
    horizonMonths: row.horizon_months,
    trainingDataHash: row.training_data_hash,
    metrics: (row.metrics as TModelSummary['metrics']) ?? null,
    features: (model.features ?? []).map((term) => term.feature),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

export function createScoringService({
  pool,
  clock,
  features,
  pageSize = 1000,
  rescoreBatchSize = 10_000,
  featureRefreshFullAbove,
  authorizeEnterpriseRead,
}: Deps) {
  const repository = createScoringRepository(pool);
  const store = createFeatureStore({
    pool,
    features,
    ...(featureRefreshFullAbove !== undefined ? { fullRefreshAbove: featureRefreshFullAbove } : {}),
  });
  const compiledModels = new Map<string, { model: ScoringModel; compiled: CompiledModel }>();

  const today = () => isoDate(clock.now());

  function modelOf(row: ModelRow) {
    let cached = compiledModels.get(row.id);
    if (!cached) {
      const model = parseModel(JSON.stringify(row.model));
      cached = { model, compiled: compileModel(model) };
      compiledModels.set(row.id, cached);
    }
    return cached;
  }

  function assertTrainer(actor: TActor) {
    if (!(TRAINERS as readonly string[]).includes(actor.role)) {
      throw new AppError('FORBIDDEN', { message: `training models needs the role operator or analyst` });
    }
  }

  /**
   * Who may read an identified enterprise's score. Today: the operator and member staff. Issue 4 replaces
   * this one function with the consent check (and the access log) without touching its callers.
   */
  async function assertMayReadIdentified(actor: TActor, creditCode: string): Promise<void> {
    await authorizeEnterpriseRead({ actor, creditCode, resource: 'scoring.enterprise_score' });
  }

  async function getModelRow(id: string): Promise<ModelRow> {
    const row = await repository.findModel(id);
    if (!row) throw new AppError('NOT_FOUND', { message: `model ${id} not found` });
    return row;
  }

  async function getChampion(): Promise<ModelRow> {
    const row = await repository.findChampion();
    if (!row) {
      throw new AppError('SCORING_NO_CHAMPION', {
        message: 'there is no champion model: train one and promote it',
      });
    }
    return row;
  }

  function assertRegistryModel(row: ModelRow) {
    if (row.source !== 'registry') {
      throw new AppError('SCORING_NO_CHAMPION', {
        message: `model ${row.id} was trained on an uploaded data set: it cannot score registry enterprises`,
      });
    }
  }

  /** Every enterprise's features as of a date, one page at a time. */
  async function* featurePages(asOf: string): AsyncGenerator<EnterpriseFeatures[]> {
    let after: string | null = null;
    for (;;) {
      const page = await features.readEnterpriseFeatures({ asOf, after, limit: pageSize });
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]?.creditCode ?? null;
      if (page.length < pageSize) return;
    }
  }

  /** Features as of `asOf` with the default label in the horizon; firms already in default are left out. */
  async function labelledSample(asOf: string, horizonMonths: number) {
    const rows: EnterpriseFeatures[] = [];
    const labels: number[] = [];
    for await (const page of featurePages(asOf)) {
      const outcomes = await features.readDefaultOutcomes({
        creditCodes: page.map((row) => row.creditCode),
        asOf,
        horizonMonths,
      });
      for (const row of page) {
        const outcome = outcomes.get(row.creditCode);
        if (!outcome || outcome.defaultedBefore) continue;
        rows.push(row);
        labels.push(outcome.defaultedInWindow ? 1 : 0);
      }
    }
    return { rows, labels };
  }

  function referenceOf(model: ScoringModel, dataset: ColumnarDataset): MonitoringReference {
    const scores = scoreBatch(model, dataset).score;
    const scoreEdges = scoreDecileEdges(scores);
    return {
      scoreEdges,
      scoreCounts: countScores(scores, scoreEdges),
      features: countFeatureBins(model, dataset),
    };
  }

  async function saveModel(input: {
    actor: TActor;
    kind: 'scorecard' | 'gam';
    source: 'registry' | 'csv';
    asOf: string | null;
    horizonMonths: number | null;
    dataset: ColumnarDataset;
    target: ArrayLike<unknown>;
    dataHash: string;
    targetName: string;
  }) {
    let trained: ReturnType<typeof train>;
    try {
      trained = train(input.dataset, input.target, { kind: input.kind, targetName: input.targetName });
    } catch (error) {
      throw asInputError(error);
    }
    const { model, report } = trained;
    const row = await repository.insertModel({
      id: newId('model'),
      kind: input.kind,
      status: 'challenger',
      source: input.source,
      as_of: input.asOf,
      horizon_months: input.horizonMonths,
      model: JSON.parse(JSON.stringify(model)),
      training_data_hash: input.dataHash,
      metrics: report.validation,
      validation_report: {
        ...JSON.parse(JSON.stringify(report)),
        charts: validationChartsOf(model, input.dataset, input.target),
      },
      monitoring_reference: referenceOf(model, input.dataset),
      created_by: input.actor.id,
    });
    return { model: toSummary(row), report };
  }

  return {
    assertMayReadIdentified,

    async listModels(input: { actor: TActor }): Promise<TModelSummary[]> {
      void input.actor;
      return (await repository.listModels()).map(toSummary);
    },

    async getModel(input: { actor: TActor; id: string }): Promise<TModelDetail> {
      const row = await getModelRow(input.id);
      const promotions = await repository.listPromotions(row.id);
      return {
        ...toSummary(row),
        model: row.model as Record<string, unknown>,
        validationReport: row.validation_report,
        promotions: promotions.map((promotion) => ({
          previousChampionId: promotion.previous_champion_id,
          promotedBy: promotion.promoted_by,
          promotedAt: promotion.promoted_at.toISOString(),
          reason: promotion.reason,
          approvedBy: promotion.approved_by,
        })),
      };
    },

    /**
     * Trains a challenger. From the registry: features as of `asOf` (default: `horizonMonths` before today),
     * target = a loan default within the horizon after it. From a CSV: its columns and target column.
     */
    async train(input: { actor: TActor; request: TTrainRequest }) {
      assertTrainer(input.actor);
      const { request } = input;
      if (request.source === 'csv') {
        let records: string[][];
        try {
          records = parseCsv(request.csv, { bom: true, relax_quotes: true, skip_empty_lines: true });
        } catch (error) {
          throw invalid(`cannot read the CSV: ${(error as Error).message}`, error);
        }
        const header = (records[0] ?? []).map((name) => name.trim());
        const targetIndex = header.indexOf(request.target);
        if (targetIndex < 0) throw invalid(`the CSV has no target column '${request.target}'`);
        const rows = records.slice(1);
        const dataset = columnsFromRows(header, rows, { exclude: [request.target, ...request.exclude] });
        return saveModel({
          actor: input.actor,
          kind: request.kind,
          source: 'csv',
          asOf: null,
          horizonMonths: null,
          dataset,
          target: rows.map((row) => row[targetIndex]),
          dataHash: createHash('sha256').update(request.csv).digest('hex'),
          targetName: request.target,
        });
      }
      const asOf = request.asOf ?? monthsBefore(today(), request.horizonMonths);
      const { rows, labels } = await labelledSample(asOf, request.horizonMonths);
      const hash = createHash('sha256');
      rows.forEach((row, index) => {
        hash.update(`${row.creditCode}\t${labels[index]}\t${JSON.stringify(row.values)}\n`);
      });
      return saveModel({
        actor: input.actor,
        kind: request.kind,
        source: 'registry',
        asOf,
        horizonMonths: request.horizonMonths,
        dataset: datasetOf(rows, FEATURE_DEFINITIONS),
        target: labels,
        dataHash: hash.digest('hex'),
        targetName: `default_${request.horizonMonths}m`,
      });
    },

    /** Makes a registry-trained model the champion; the former champion retires; the promotion is recorded. */
    async promote(input: { actor: TActor; id: string; reason?: string }) {
      if (input.actor.role !== 'operator') {
        throw new AppError('FORBIDDEN', { message: 'only the operator promotes models' });
      }
      const row = await getModelRow(input.id);
      assertRegistryModel(row);
      if (row.status === 'champion') {
        throw new AppError('CONFLICT', { message: `model ${row.id} is already the champion` });
      }
      const { previousChampionId } = await repository.promote({
        modelId: row.id,
        promotedBy: input.actor.id,
        reason: input.reason ?? null,
      });
      return { modelId: row.id, previousChampionId };
    },

    /** Scores one enterprise with the champion on today's registry data; the score is kept. */
    async scoreEnterprise(input: { actor: TActor; creditCode: string }): Promise<TEnterpriseScore> {
      const creditCode = input.creditCode.trim().toUpperCase();
      await assertMayReadIdentified(input.actor, creditCode);
      const champion = await getChampion();
      assertRegistryModel(champion);
      const asOf = today();
      const [row] = await features.readEnterpriseFeatures({ asOf, creditCodes: [creditCode] });
      if (!row)
        throw new AppError('NOT_FOUND', { message: `enterprise ${creditCode} is not in the registry` });
      const { compiled } = modelOf(champion);
      const result = score(compiled, row.values);
      const change = counterfactual(compiled, row.values);
      const reasons = result.reasons.slice(0, REASONS_KEPT);
      const computedAt = await repository.recordOnlineScore({
        creditCode,
        modelId: champion.id,
        score: result.score,
        pd: result.pd,
        grade: result.grade,
        reasons,
      });
      return {
        creditCode,
        modelId: champion.id,
        modelKind: champion.kind,
        modelVersion: champion.version,
        asOf,
        score: result.score,
        pd: result.pd,
        grade: result.grade,
        reasons,
        counterfactual: {
          fromGrade: change.fromGrade,
          toGrade: change.toGrade,
          reachable: change.reachable,
          changes: change.changes,
        },
        computedAt: computedAt.toISOString(),
      };
    },

    /** Scores records given as values (an applicant's data, a lender's file) with any model. */
    async scoreRecords(input: {
      actor: TActor;
      id: string;
      records: Array<Record<string, string | number | boolean | null>>;
    }) {
      assertTrainer(input.actor);
      const { compiled, model } = modelOf(await getModelRow(input.id));
      const names = new Set<string>();
      for (const term of model.features) names.add(term.feature);
      for (const pair of model.interactions) for (const name of pair.features) names.add(name);
      const columns: Record<string, Array<string | number | boolean | null>> = {};
      for (const name of names) columns[name] = input.records.map((record) => record[name] ?? null);
      const { score: scores, pd } = scoreBatch(compiled, columns);
      return input.records.map((_, index) => ({
        score: scores[index] as number,
        pd: pd[index] as number,
        grade: gradeOf(pd[index] as number, model.masterScale),
      }));
    },

    /**
     * Brings the feature store up to date for a date (default today): `pending` recomputes only stale or
     * missing rows (the full pass when most are), `all` runs the registry's full pass over every enterprise
     * (a new as-of date, e.g. the nightly schedule). Operator only.
     */
    async refreshFeatures(input: {
      actor: TActor;
      asOf?: string;
      mode?: 'pending' | 'all';
      onProgress?: (progress: { mode: 'changed' | 'all'; enterprises: number }) => Promise<void>;
    }): Promise<RefreshResult> {
      if (input.actor.role !== 'operator') {
        throw new AppError('FORBIDDEN', { message: 'only the operator refreshes the feature store' });
      }
      const asOf = input.asOf ?? today();
      if (!ISO_DATE.test(asOf) || Number.isNaN(Date.parse(asOf)))
        throw invalid(`asOf must be YYYY-MM-DD: ${asOf}`);
      return store.refresh({
        asOf,
        now: clock.now(),
        ...(input.mode ? { mode: input.mode } : {}),
        ...(input.onProgress ? { onProgress: input.onProgress } : {}),
      });
    },

    /**
     * Re-scores enterprises with the champion as of today from the feature store (`feature-store.ts`): first
     * the store's stale and missing rows are recomputed (only those, through the registry's per-page
     * statement; the registry's full pass when the date is new), then the due rows are read back with one
     * binary COPY, chosen in SQL, in batches of `rescoreBatchSize`, each scored with `scoreBatchWithReasons`
     * and written with one COPY (its own transaction), the write of a batch overlapping the reading and
     * scoring of the next. Incremental: only enterprises never scored by the champion, or whose data or
     * features changed since their last score. Full: every enterprise not scored by the champion since
     * `notScoredSince` (the background job passes its creation time, so a retried job resumes where the
     * crashed one stopped).
     */
    async rescore(input: {
      actor: TActor;
      mode: 'incremental' | 'full';
      notScoredSince?: Date;
      onProgress?: (progress: { enterprises: number; scored: number }) => Promise<void>;
    }): Promise<TRescoreResult> {
      if (input.actor.role !== 'operator') {
        throw new AppError('FORBIDDEN', { message: 'only the operator re-scores the registry' });
      }
      const started = Date.now();
      const champion = await getChampion();
      assertRegistryModel(champion);
      const { compiled } = modelOf(champion);
      const asOf = today();
      const since = input.notScoredSince;
      let scored = 0;
      // where the time goes: bringing the store up to date, reading it, scoring, writing (waiting for the
      // previous batch's COPY)
      const phases = { refreshSeconds: 0, readSeconds: 0, scoreSeconds: 0, writeSeconds: 0 };
      let mark = performance.now();
      const lap = (phase: keyof typeof phases) => {
        const now = performance.now();
        phases[phase] += (now - mark) / 1000;
        mark = now;
      };
      const refresh = await store.refresh({ asOf, now: clock.now() });
      lap('refreshSeconds');
      const enterprises = refresh.stored;
      // a full run that resumes skips what was scored since it was queued (usually nothing)
      const resumed =
        input.mode === 'full' && since ? await repository.anyScoredSince(champion.id, since) : false;
      const select: StoreSelection =
        input.mode === 'incremental'
          ? { kind: 'changedSinceScored', modelId: champion.id }
          : resumed && since
            ? { kind: 'notScoredSince', modelId: champion.id, since }
            : { kind: 'all' };
      // reasons are shared objects (one per bin): their JSON, escaped for COPY's text format, is made once
      // each (escaping is per character, so the escaped pieces joined are the escaped whole)
      const reasonText = new Map<ReasonCode, string>();
      const reasonsTextOf = (reasons: readonly ReasonCode[]) => {
        if (reasons.length === 0) return '[]';
        let out = '[';
        for (let k = 0; k < reasons.length; k++) {
          const reason = reasons[k] as ReasonCode;
          let text = reasonText.get(reason);
          if (text === undefined) {
            text = copyText(JSON.stringify(reason));
            reasonText.set(reason, text);
          }
          out += k === 0 ? text : `,${text}`;
        }
        return `${out}]`;
      };
      const modelText = copyText(champion.id);
      const gradeText = new Map<string, string>();
      let writing: Promise<void> | null = null;
      lap('writeSeconds');
      await store.stream({
        asOf,
        select,
        batchSize: rescoreBatchSize,
        onBatch: async ({ creditCodes, dataset }) => {
          lap('readSeconds');
          // score()'s default number of reasons (4): what the per-row path kept
          const result = scoreBatchWithReasons(compiled, dataset);
          // the batch as COPY text lines, straight from the result columns (no per-row objects)
          const lines = new Array<string>(creditCodes.length);
          for (let i = 0; i < creditCodes.length; i++) {
            const grade = result.grade[i] as string;
            let graded = gradeText.get(grade);
            if (graded === undefined) {
              graded = copyText(grade);
              gradeText.set(grade, graded);
            }
            // String(number) is the shortest text that reads back as the same float8
            lines[i] =
              `${copyText(creditCodes[i] as string)}\t${modelText}\t${String(result.score[i])}\t${String(result.pd[i])}\t${graded}\t${reasonsTextOf(result.reasons[i] as ReasonCode[])}\n`;
          }
          lap('scoreSeconds');
          await writing;
          const progress = { enterprises, scored };
          scored += lines.length;
          await input.onProgress?.(progress);
          writing = repository.copyScoreLines(lines);
          // a failed write is thrown by the next await of `writing`; until then it must not count as unhandled
          writing.catch(() => undefined);
          lap('writeSeconds');
        },
      });
      lap('readSeconds');
      await writing;
      await input.onProgress?.({ enterprises, scored });
      lap('writeSeconds');
      return {
        modelId: champion.id,
        asOf,
        enterprises,
        scored,
        skipped: enterprises - scored,
        seconds: (Date.now() - started) / 1000,
        phases,
        featureRefresh: { mode: refresh.mode, enterprises: refresh.enterprises, seconds: refresh.seconds },
      };
    },

    /**
     * Drift and calibration of a registry model (default: the champion): PSI of the score and of each
     * feature between the training sample and today's population, and the default rate by grade of the
     * population as of `outcomeAsOf` (default: one horizon ago) against the predicted PD.
     */
    async monitoring(input: {
      actor: TActor;
      modelId?: string;
      outcomeAsOf?: string;
      /** The population's date for the PSI (default today): a series of dates gives PSI over time. */
      asOf?: string;
    }): Promise<TMonitoring> {
      assertTrainer(input.actor);
      const row = input.modelId ? await getModelRow(input.modelId) : await getChampion();
      assertRegistryModel(row);
      const { model, compiled } = modelOf(row);
      const reference = row.monitoring_reference as MonitoringReference;
      const asOf = input.asOf ?? today();
      const scoreCounts = new Array<number>(reference.scoreCounts.length).fill(0);
      const featureCounts: Record<string, number[]> = {};
      let population = 0;
      for await (const page of featurePages(asOf)) {
        population += page.length;
        const dataset = datasetOf(page, FEATURE_DEFINITIONS);
        addCounts(scoreCounts, countScores(scoreBatch(compiled, dataset).score, reference.scoreEdges));
        for (const [name, counts] of Object.entries(countFeatureBins(model, dataset))) {
          featureCounts[name] ??= new Array<number>(counts.length).fill(0);
          addCounts(featureCounts[name], counts);
        }
      }
      if (population === 0) throw invalid('the registry holds no enterprises to monitor');
      const horizonMonths = row.horizon_months ?? 12;
      const outcomeAsOf = input.outcomeAsOf ?? monthsBefore(asOf, horizonMonths);
      const sample = await labelledSample(outcomeAsOf, horizonMonths);
      const pds =
        sample.rows.length > 0
          ? scoreBatch(compiled, datasetOf(sample.rows, FEATURE_DEFINITIONS)).pd
          : new Float64Array();
      const byGrade =
        sample.rows.length > 0
          ? calibrationByGrade(Uint8Array.from(sample.labels), pds, model.masterScale)
          : model.masterScale.map((grade) => ({ grade: grade.grade, n: 0, observed: 0, predicted: 0 }));
      return {
        modelId: row.id,
        asOf,
        population,
        scorePsi: psi(reference.scoreCounts, scoreCounts),
        features: featureNamesOf(model).map((feature) => ({
          feature,
          psi: psi(reference.features[feature] ?? [], featureCounts[feature] ?? []),
        })),
        calibration: { outcomeAsOf, horizonMonths, n: sample.rows.length, byGrade },
      };
    },
  };
}

export type ScoringService = ReturnType<typeof createScoringService>;
