import { MISSING_TOKENS } from '../internal/util.js';
import { validateModel } from '../runtime/validate-model.js';
import type { Binning, ScoringModel } from '../types.js';

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const float = (x: number) => `${String(x)}::float8`;

function fixed(x: number, decimals: number): string {
  return x.toFixed(decimals);
}

/** A CASE expression giving each value its bin's item (`items[bin]`, already SQL text). */
function binCase(column: string, binning: Binning, items: string[]): string {
  const col = quoteIdent(column);
  const parts: string[] = [];
  if (binning.type === 'numeric') {
    const x = `(${col})::float8`;
    parts.push(`WHEN ${col} IS NULL OR ${x} = 'NaN'::float8 THEN ${items[0]}`);
    binning.specialValues.forEach((v, k) => {
      parts.push(`WHEN ${x} = ${float(v)} THEN ${items[1 + k]}`);
    });
    const base = 1 + binning.specialValues.length;
    binning.edges.forEach((e, i) => {
      parts.push(`WHEN ${x} < ${float(e)} THEN ${items[base + i]}`);
    });
    return `CASE ${parts.join(' ')} ELSE ${items[base + binning.edges.length]} END`;
  }
  const t = `btrim((${col})::text, E' \\t\\n\\r')`;
  const tokens = [...MISSING_TOKENS].map(quoteText).join(', ');
  parts.push(`WHEN ${col} IS NULL OR lower(${t}) IN (${tokens}) THEN ${items[0]}`);
  binning.groups.forEach((levels, g) => {
    if (levels.length > 0)
      parts.push(`WHEN ${t} IN (${levels.map(quoteText).join(', ')}) THEN ${items[1 + g]}`);
  });
  return `CASE ${parts.join(' ')} ELSE ${items[binning.otherBin]} END`;
}

/**
 * PostgreSQL expression of a model's score: an exact `numeric` sum of CASE lookups over the named columns,
 * with the same missing-value rules as the TypeScript runtime (numeric: NULL or NaN; text: NULL or a missing
 * token after trimming spaces, tabs and line breaks; unknown levels → the "other" bin).
 * @param model - the model.
 * @returns the SQL expression (type numeric).
 */
export function toSqlScore(model: ScoringModel): string {
  validateModel(model);
  const d = model.pointsDecimals;
  const terms = [fixed(model.intercept, d)];
  for (const t of model.features)
    terms.push(
      binCase(
        t.feature,
        t.binning,
        t.points.map((p) => fixed(p, d)),
      ),
    );
  for (const t of model.interactions) {
    const nbB = binCount(t.binnings[1]);
    const idxA = binCase(t.features[0], t.binnings[0], indexes(binCount(t.binnings[0])));
    const idxB = binCase(t.features[1], t.binnings[1], indexes(nbB));
    terms.push(
      `(ARRAY[${t.points.map((p) => fixed(p, d)).join(', ')}]::numeric[])[(${idxA}) * ${nbB} + (${idxB}) + 1]`,
    );
  }
  return `(${terms.join('\n + ')})`;
}

function indexes(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(i));
}

function binCount(b: Binning): number {
  if (b.type === 'numeric') return 2 + b.specialValues.length + b.edges.length;
  return Math.max(b.otherBin + 1, 1 + b.groups.length);
}

/**
 * PostgreSQL expression of the PD given a score expression: the same clamp, rounding and floor as
 * `pdFromScore` (`round(numeric, pdDecimals)` rounds half away from zero like the runtime).
 * @param model - the model.
 * @param scoreExpression - SQL text of the score.
 * @returns the SQL expression (type numeric).
 */
export function toSqlPd(model: ScoringModel, scoreExpression: string): string {
  const { a, b } = model.calibration;
  const eta = `LEAST(700::float8, GREATEST(-700::float8, ${float(a)} + ${float(b)} * (${scoreExpression})::float8))`;
  return `GREATEST(${model.pdFloor}::numeric, round((1::float8 / (1::float8 + exp(-${eta})))::numeric, ${model.pdDecimals}))`;
}

/**
 * PostgreSQL expression of the grade given a PD expression (the master scale as a CASE).
 * @param model - the model.
 * @param pdExpression - SQL text of the PD.
 * @returns the SQL expression (type text).
 */
export function toSqlGrade(model: ScoringModel, pdExpression: string): string {
  const grades = model.masterScale;
  const parts = grades
    .slice(0, -1)
    .map((g) => `WHEN (${pdExpression}) < ${g.pdMax} THEN ${quoteText(g.grade)}`);
  return `CASE ${parts.join(' ')} ELSE ${quoteText(grades[grades.length - 1]!.grade)} END`;
}

/**
 * A complete PostgreSQL query scoring every row of a table: `score` (numeric, exact), `pd` (numeric), `grade`.
 * @param model - the model.
 * @param table - the table (or view) name, quoted as an identifier. @default 'applicants'
 * @returns the SQL query.
 */
export function toSqlQuery(model: ScoringModel, table = 'applicants'): string {
  const scoreSql = toSqlScore(model);
  return [
    `-- CreditBridge ${model.kind} model (format ${model.format} v${model.formatVersion}), target ${model.target}`,
    `SELECT t.*, s.score, p.pd, ${toSqlGrade(model, 'p.pd')} AS grade`,
    `FROM ${quoteIdent(table)} t`,
    `CROSS JOIN LATERAL (SELECT ${scoreSql} AS score) s`,
    `CROSS JOIN LATERAL (SELECT ${toSqlPd(model, 's.score')} AS pd) p;`,
  ].join('\n');
}
