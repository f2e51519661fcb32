-- The floor of the peer-statistics snapshot: one pass of the five ratios' statistics per industry × size ×
-- province cell and margin for the 2024 annual statements, all firms only (no default split, no scores, no
-- disclosure rules, nothing stored). Run by bench/reports/bench.ts with psql.
SET jit = off;
WITH base AS (
  SELECT e.industry_group, e.size_class, e.province_code,
    coalesce(l.bs_15, 0) / NULLIF(coalesce(l.bs_41, 0), 0) AS current_ratio,
    (coalesce(l.bs_15, 0) - coalesce(l.bs_09, 0)) / NULLIF(coalesce(l.bs_41, 0), 0) AS quick_ratio,
    coalesce(l.bs_47, 0) / NULLIF(coalesce(l.bs_30, 0), 0) AS debt_to_assets,
    (coalesce(l.is_01, 0) - coalesce(l.is_02, 0)) / NULLIF(coalesce(l.is_01, 0), 0) AS gross_margin,
    coalesce(l.is_32, 0) / NULLIF(coalesce(l.is_01, 0), 0) AS net_margin
  FROM statements s JOIN enterprises e ON e.credit_code = s.credit_code
  CROSS JOIN LATERAL jsonb_to_record(s.lines)
    AS l(bs_09 float8, bs_15 float8, bs_30 float8, bs_41 float8, bs_47 float8, is_01 float8, is_02 float8, is_32 float8)
  WHERE s.superseded_by IS NULL AND s.period_type = 'annual'
    AND s.period_end BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'
    AND e.industry_group IS NOT NULL AND e.size_class IS NOT NULL
)
SELECT industry_group, size_class, province_code, count(*),
  avg(current_ratio), percentile_cont(ARRAY[0.3, 0.5, 0.7]) WITHIN GROUP (ORDER BY current_ratio), stddev_samp(current_ratio),
  avg(quick_ratio), percentile_cont(ARRAY[0.3, 0.5, 0.7]) WITHIN GROUP (ORDER BY quick_ratio), stddev_samp(quick_ratio),
  avg(debt_to_assets), percentile_cont(ARRAY[0.3, 0.5, 0.7]) WITHIN GROUP (ORDER BY debt_to_assets), stddev_samp(debt_to_assets),
  avg(gross_margin), percentile_cont(ARRAY[0.3, 0.5, 0.7]) WITHIN GROUP (ORDER BY gross_margin), stddev_samp(gross_margin),
  avg(net_margin), percentile_cont(ARRAY[0.3, 0.5, 0.7]) WITHIN GROUP (ORDER BY net_margin), stddev_samp(net_margin)
FROM base
GROUP BY GROUPING SETS ((industry_group, size_class, province_code), (industry_group, size_class));
