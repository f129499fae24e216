/**
 * Rows under column headers, as every list on the clerk's screens and the printed day report has
 * them: each header a `th scope="col"`, the cell that names its row a `th scope="row"`, so a
 * screen reader says the column and the row with each cell. The look is the caller's class
 * (clerk-table on screen, print-table on paper); the table itself carries no words of its own.
 */
import type { ReactNode } from 'react';

export interface Column<Row> {
  /** Also the column's key: two columns with one header would read alike to a screen reader. */
  readonly header: string;
  readonly cell: (row: Row) => ReactNode;
  /** This column's cell names the row (e.g. the certificate's kind, the receipt number). */
  readonly isRowHeader?: boolean;
  /** A class on each of the column's cells, e.g. `receipt-number`, which never breaks across lines. */
  readonly className?: string;
}

export interface DataTableProps<Row> {
  readonly className: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  /** Stable per row: React keeps a row's state (and focus) with its key when the list changes. */
  readonly rowKey: (row: Row, index: number) => string;
  readonly caption?: string;
  /** Said instead of a table with no rows; without it the table shows its headers alone. */
  readonly empty?: string;
  /** The `tfoot` rows, e.g. a total. */
  readonly footer?: ReactNode;
}

export function DataTable<Row>({ className, columns, rows, rowKey, caption, empty, footer }: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <p>{empty}</p>;
  return (
    <table className={className}>
      {caption !== undefined && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey(row, index)}>
            {columns.map((column) =>
              column.isRowHeader === true ? (
                <th key={column.header} scope="row" className={column.className}>
                  {column.cell(row)}
                </th>
              ) : (
                <td key={column.header} className={column.className}>
                  {column.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
      {footer !== undefined && <tfoot>{footer}</tfoot>}
    </table>
  );
}
