import type { KindSpec } from '../api/types';

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * An empty CSV with the kind's header row. It starts with a UTF-8 byte-order mark so that Excel opens
 * Chinese text correctly; the server reads UTF-8 with or without it.
 */
export function buildCsvTemplate(spec: Pick<KindSpec, 'columns'>): string {
  return `\uFEFF${spec.columns.map((column) => csvCell(column.name)).join(',')}\r\n`;
}

export function templateFileName(kind: string): string {
  return `creditbridge-${kind}-template.csv`;
}
