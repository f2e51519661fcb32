import type { ReactNode } from 'react';

/** One column: its header, how a row fills the cell, and whether it holds figures (right-aligned). */
export type Column<Row> = {
  /** Stable key of the column (React key; also lets callers hide a column by leaving it out). */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
  /** Class of the body cells, e.g. "nowrap" or "cell-file". */
  className?: string;
};

type DataTableProps<Row> = {
  /** Names the table for screen readers (a visually hidden caption). */
  caption: string;
  columns: ReadonlyArray<Column<Row> | false | null | undefined>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Extra class for a row, e.g. to mark a refused access. */
  rowClassName?: (row: Row) => string | undefined;
  /** Taller scroll area for long lists. */
  isTall?: boolean;
};

/**
 * The app's one table: a scrollable, captioned <table> with header cells scoped to their columns. Pages
 * describe their columns; loading, empty and error states stay with the page, which knows their wording.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  rowClassName,
  isTall,
}: DataTableProps<Row>) {
  const shown = columns.filter((column): column is Column<Row> => Boolean(column));
  return (
    // A region that may scroll must be reachable by keyboard to be scrolled (WCAG 2.1.1): a Tab stop named
    // after its table.
    <section
      className={`table-scroll${isTall ? ' table-scroll--tall' : ''}`}
      aria-label={caption}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focused to scroll it by keyboard
      tabIndex={0}
    >
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {shown.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {shown.map((column) => (
                <td
                  key={column.key}
                  className={
                    [column.numeric ? 'numeric' : '', column.className ?? ''].filter(Boolean).join(' ') ||
                    undefined
                  }
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
