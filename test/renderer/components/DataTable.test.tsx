import { render, screen, within } from '@testing-library/react';
import { DataTable, type Column } from '../../../renderer/components/DataTable/DataTable';
import { FactsTable } from '../../../renderer/components/FactsTable/FactsTable';

interface Visit {
  readonly number: string;
  readonly procedure: string;
  readonly yen: number;
}

const visits: readonly Visit[] = [
  { number: '20261206-001', procedure: '新規発行', yen: 200 },
  { number: '20261206-002', procedure: '暗証番号の再設定', yen: 0 },
];

const columns: readonly Column<Visit>[] = [
  { header: '受付番号', cell: (v) => v.number, isRowHeader: true, className: 'receipt-number' },
  { header: '手続', cell: (v) => v.procedure },
  { header: '手数料', cell: (v) => `${v.yen}円` },
];

describe('DataTable', () => {
  it('puts each header in a column header cell and the naming cell in a row header cell', () => {
    render(<DataTable className="clerk-table" columns={columns} rows={visits} rowKey={(v) => v.number} caption="本日の受付" />);
    const table = screen.getByRole('table', { name: '本日の受付' });
    expect(table.className).toBe('clerk-table');
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['受付番号', '手続', '手数料']);
    expect(headers.every((h) => h.getAttribute('scope') === 'col')).toBe(true);
    expect(table.querySelector('thead')?.contains(headers[0] ?? null)).toBe(true);

    const rowHeaders = within(table).getAllByRole('rowheader');
    expect(rowHeaders.map((h) => h.textContent)).toEqual(['20261206-001', '20261206-002']);
    expect(rowHeaders.every((h) => h.getAttribute('scope') === 'row' && h.className === 'receipt-number')).toBe(true);

    const second = within(table).getByRole('row', { name: /20261206-002/ });
    expect(within(second).getAllByRole('cell').map((c) => c.textContent)).toEqual(['暗証番号の再設定', '0円']);
  });

  it("labels every body cell with its column's header and states the table's roles, for the stacked large-text layout", () => {
    render(<DataTable className="clerk-table" columns={columns} rows={visits} rowKey={(v) => v.number} />);
    const table = screen.getByRole('table');
    expect(table.getAttribute('role')).toBe('table');
    const first = table.querySelectorAll('tbody tr')[0];
    expect(first?.getAttribute('role')).toBe('row');
    expect([...(first?.children ?? [])].map((cell) => [cell.getAttribute('role'), cell.getAttribute('data-label'), cell.textContent])).toEqual([
      ['rowheader', '受付番号', '20261206-001'],
      ['cell', '手続', '新規発行'],
      ['cell', '手数料', '200円'],
    ]);
    expect([...table.querySelectorAll('thead th')].every((th) => th.getAttribute('role') === 'columnheader' && !th.hasAttribute('data-label'))).toBe(true);
    expect(table.className).toBe('clerk-table');
  });

  it('marks a table of sentences for the stacked large-text layout only when asked', () => {
    render(<DataTable className="clerk-table" columns={columns} rows={visits} rowKey={(v) => v.number} stacksWithLargeText />);
    expect(screen.getByRole('table').className).toBe('clerk-table stacks-with-large-text');
  });

  it('has no caption unless given one, and puts a plain column in data cells with its class', () => {
    const plain: readonly Column<Visit>[] = [
      { header: '受付番号', cell: (v) => v.number, className: 'receipt-number' },
      { header: '手続', cell: (v) => v.procedure },
    ];
    render(<DataTable className="print-table" columns={plain} rows={visits} rowKey={(v) => v.number} />);
    const table = screen.getByRole('table');
    expect(table.querySelector('caption')).toBeNull();
    expect(within(table).queryAllByRole('rowheader')).toHaveLength(0);
    const numbers = within(table).getAllByRole('cell').filter((c) => c.className === 'receipt-number');
    expect(numbers.map((c) => c.textContent)).toEqual(['20261206-001', '20261206-002']);
  });

  it('says the empty words instead of a table with no rows, and shows the headers alone without them', () => {
    const { rerender } = render(<DataTable className="clerk-table" columns={columns} rows={[]} rowKey={(v) => v.number} empty="受付はありません。" />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('受付はありません。').tagName).toBe('P');

    rerender(<DataTable className="clerk-table" columns={columns} rows={[]} rowKey={(v) => v.number} />);
    expect(within(screen.getByRole('table')).getAllByRole('columnheader')).toHaveLength(3);
    expect(screen.queryByText('受付はありません。')).toBeNull();
  });

  it('puts the footer rows in the table foot', () => {
    render(
      <DataTable
        className="print-table"
        columns={columns}
        rows={visits}
        rowKey={(v) => v.number}
        footer={
          <tr>
            <th scope="row" colSpan={2}>
              合計
            </th>
            <td>200円</td>
          </tr>
        }
      />,
    );
    const foot = screen.getByRole('table').querySelector('tfoot');
    expect(foot).not.toBeNull();
    expect(within(foot as HTMLElement).getByRole('rowheader', { name: '合計' }).getAttribute('colspan')).toBe('2');
  });
});

describe('FactsTable', () => {
  it('names each fact in a row header cell beside its value, with no header row', () => {
    render(
      <FactsTable
        className="print-table print-form-table"
        caption="申請者"
        facts={[
          { label: '氏名', value: '番号 花子', className: 'print-form-name' },
          { label: '住所', value: '東京都千代田区1-1' },
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: '申請者' });
    expect(table.className).toBe('print-table print-form-table');
    expect(within(table).queryAllByRole('columnheader')).toHaveLength(0);
    const labels = within(table).getAllByRole('rowheader');
    expect(labels.map((h) => h.textContent)).toEqual(['氏名', '住所']);
    expect(labels.every((h) => h.getAttribute('scope') === 'row')).toBe(true);
    const name = within(within(table).getByRole('row', { name: /氏名/ })).getByRole('cell');
    expect(name.textContent).toBe('番号 花子');
    expect(name.className).toBe('print-form-name');
    expect(within(within(table).getByRole('row', { name: /住所/ })).getByRole('cell').className).toBe('');
  });

  it('has no caption unless given one', () => {
    render(<FactsTable className="print-table" facts={[{ label: '手数料', value: '無料' }]} />);
    expect(screen.getByRole('table').querySelector('caption')).toBeNull();
    expect(screen.getByRole('rowheader', { name: '手数料' })).toBeTruthy();
  });
});
