import type { ColumnarDataset } from '@creditbridge/scoring';
import type { EnterpriseFeatures, FeatureDefinition } from '../registry/index.js';

/** Registry feature rows as a column-wise data set (missing numbers become NaN, missing text null). */
export function datasetOf(
  rows: readonly EnterpriseFeatures[],
  definitions: readonly FeatureDefinition[],
): ColumnarDataset {
  return {
    columns: definitions.map((definition) => {
      if (definition.type === 'numeric') {
        const values = new Float64Array(rows.length);
        rows.forEach((row, index) => {
          const value = row.values[definition.name];
          values[index] = typeof value === 'number' ? value : Number.NaN;
        });
        return { name: definition.name, type: 'numeric' as const, values };
      }
      return {
        name: definition.name,
        type: 'text' as const,
        values: rows.map((row) => {
          const value = row.values[definition.name];
          return value === null || value === undefined ? null : String(value);
        }),
      };
    }),
  };
}
