import type pg from 'pg';
import { newId } from '../../../platform/ids.js';
import { fenToWan } from '../../../platform/money.js';
import { divisionOf } from '../domain/division.js';
import { industryGroupOf } from '../domain/industry.js';
import { classifySize } from '../domain/size-class.js';
import { ENTERPRISE_PROFILE_FIELDS } from './submission-kinds.js';

type ProfileField = (typeof ENTERPRISE_PROFILE_FIELDS)[number];
type SourceRow = {
  credit_code: string;
  fields: Record<ProfileField, string | number | null>;
  submitted_at: Date;
};

const BATCH = 5000;

/**
 * One enterprise record across members: each field takes the most recently submitted non-empty value;
 * when members disagree the enterprise is flagged (`has_conflicts`) and every value stays in
 * `enterprise_sources` with its member. The size class is derived from the consolidated figures.
 */
export async function consolidateEnterprises(client: pg.PoolClient, submissionId: string): Promise<number> {
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS consolidation_codes (credit_code text PRIMARY KEY) ON COMMIT DROP`,
  );
  await client.query(
    `INSERT INTO consolidation_codes SELECT credit_code FROM enterprise_sources WHERE submission_id = $1
     ON CONFLICT DO NOTHING`,
    [submissionId],
  );
  // Pages of BATCH codes, so that a file of a million new enterprises never sits in memory at once.
  for (let after = ''; ; ) {
    const missing = await client.query<{ credit_code: string }>(
      `SELECT c.credit_code FROM consolidation_codes c
       WHERE c.credit_code > $1 AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.credit_code = c.credit_code)
       ORDER BY c.credit_code LIMIT ${BATCH}`,
      [after],
    );
    if (missing.rows.length === 0) break;
    const codes = missing.rows.map((row) => row.credit_code);
    after = codes[codes.length - 1] ?? after;
    const divisions = codes.map((code) => divisionOf(code.slice(2, 8)));
    await client.query(
      `INSERT INTO enterprises (id, credit_code, division_code, province_code)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [
        codes.map(() => newId('enterprise')),
        codes,
        divisions.map((division) => division.code),
        divisions.map((division) => division.provinceCode),
      ],
    );
  }
  let updated = 0;
  for (let after = ''; ; ) {
    const page = await client.query<{ credit_code: string }>(
      `SELECT credit_code FROM consolidation_codes WHERE credit_code > $1 ORDER BY credit_code LIMIT ${BATCH}`,
      [after],
    );
    if (page.rows.length === 0) break;
    const codes = page.rows.map((row) => row.credit_code);
    after = codes[codes.length - 1] ?? after;
    const sources = await client.query<SourceRow>(
      `SELECT credit_code, fields, submitted_at FROM enterprise_sources WHERE credit_code = ANY($1)
       ORDER BY credit_code, submitted_at DESC`,
      [codes],
    );
    const byCode = new Map<string, SourceRow[]>();
    for (const row of sources.rows) {
      const list = byCode.get(row.credit_code) ?? [];
      list.push(row);
      byCode.set(row.credit_code, list);
    }
    const records = [...byCode.entries()].map(([code, rows]) => consolidate(code, rows));
    await client.query(
      `UPDATE enterprises e SET name = r.name, industry_code = r.industry_code, industry_group = r.industry_group,
         size_class = r.size_class, size_standard_version = r.size_standard_version,
         established_on = r.established_on::date, employees = r.employees,
         annual_revenue_fen = r.annual_revenue_fen, total_assets_fen = r.total_assets_fen,
         registered_capital_fen = r.registered_capital_fen, address = r.address,
         has_conflicts = r.has_conflicts, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS r(credit_code text, name text, industry_code text,
         industry_group text, size_class text, size_standard_version text, established_on text, employees int,
         annual_revenue_fen bigint, total_assets_fen bigint, registered_capital_fen bigint, address text,
         has_conflicts boolean)
       WHERE e.credit_code = r.credit_code`,
      [JSON.stringify(records)],
    );
    updated += records.length;
  }
  return updated;
}

function consolidate(creditCode: string, rows: SourceRow[]) {
  const value = (field: ProfileField) => {
    for (const row of rows) {
      const candidate = row.fields[field];
      if (candidate !== null && candidate !== undefined && candidate !== '') return candidate;
    }
    return null;
  };
  const hasConflicts = ENTERPRISE_PROFILE_FIELDS.some((field) => {
    const values = new Set(
      rows
        .map((row) => row.fields[field])
        .filter((candidate) => candidate !== null && candidate !== undefined),
    );
    return values.size > 1;
  });
  const industryCode = value('industry_code') as string | null;
  const group = industryCode ? industryGroupOf(industryCode) : null;
  const employees = value('employees') as number | null;
  const revenue = value('annual_revenue') as number | null;
  const assets = value('total_assets') as number | null;
  let size: { size: string; standardVersion: string } | null = null;
  if (group) {
    try {
      size = classifySize({
        industryGroup: group.id,
        employees,
        revenueWan: revenue === null ? null : fenToWan(revenue),
        assetsWan: assets === null ? null : fenToWan(assets),
      });
    } catch {
      size = null; // no indicator the industry needs was given: size stays unknown
    }
  }
  return {
    credit_code: creditCode,
    name: value('name'),
    industry_code: industryCode,
    industry_group: group?.id ?? null,
    size_class: size?.size ?? null,
    size_standard_version: size?.standardVersion ?? null,
    established_on: value('established_on'),
    employees,
    annual_revenue_fen: revenue,
    total_assets_fen: assets,
    registered_capital_fen: value('registered_capital'),
    address: value('address'),
    has_conflicts: hasConflicts,
  };
}
