/**
 * Rows under column headers, as every list on the clerk's screens and the printed day report has
 * them: each header a `th scope="col"`, the cell that names its row a `th scope="row"`, so a
 * screen reader says the column and the row with each cell. The look is the caller's class
 * (clerk-table on screen, print-table on paper); the table itself carries no words of its own.
 *
 * Each body cell carries its column's header as `data-label`: a table whose cells hold sentences
 * (`stacksWithLargeText`) turns each row into a block of labelled lines with large text
 * (clerk.css), where its columns would be a few characters wide. The roles are stated because a table laid out as blocks would otherwise lose
 * them in some browsers, and with them the header a screen reader says with each cell.
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
  /** Cells that hold sentences: with large text each row is laid out as labelled lines instead. */
  readonly stacksWithLargeText?: boolean;
}

export function DataTable<Row>({ className, columns, rows, rowKey, caption, empty, footer, stacksWithLargeText = false }: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <p>{empty}</p>;
  return (
    <table className={stacksWithLargeText ? `${className} stacks-with-large-text` : className} role="table">
      {caption !== undefined && <caption>{caption}</caption>}
      <thead role="rowgroup">
        <tr role="row">
          {columns.map((column) => (
            <th key={column.header} scope="col" role="columnheader">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {rows.map((row, index) => (
          <tr key={rowKey(row, index)} role="row">
            {columns.map((column) =>
              column.isRowHeader === true ? (
                <th key={column.header} scope="row" role="rowheader" className={column.className} data-label={column.header}>
                  {column.cell(row)}
                </th>
              ) : (
                <td key={column.header} role="cell" className={column.className} data-label={column.header}>
                  {column.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
      {footer !== undefined && <tfoot role="rowgroup">{footer}</tfoot>}
    </table>
  );
}
