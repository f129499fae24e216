import { screen } from '@testing-library/react';
import { FieldGroup, FieldName } from '../../../renderer/components/Field/FieldParts';
import { useFieldIds } from '../../../renderer/components/Field/useFieldIds';
import { descriptionOf, renderWithI18n } from '../render';

function Group({ support, error, required = false }: { readonly support?: string; readonly error?: string | null; readonly required?: boolean }) {
  const ids = useFieldIds(support !== undefined, error);
  return (
    <FieldGroup ids={ids} legend="連絡先" required={required} supportText={support} error={error}>
      <input aria-label="電話" aria-invalid={ids.invalid} aria-describedby={ids.errorId} />
    </FieldGroup>
  );
}

describe('FieldGroup and useFieldIds', () => {
  it('names the group by its legend with 「※必須」 and describes it by support text, then the error', () => {
    renderWithI18n(<Group support="日中につながる番号" error="番号を入力してください" required />);
    const group = screen.getByRole('group', { name: '連絡先 ※必須' });
    expect(descriptionOf(group)).toBe('日中につながる番号 ＊番号を入力してください');
    const input = screen.getByRole('textbox', { name: '電話' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(input)).toBe('＊番号を入力してください');
  });

  it('says nothing and marks nothing invalid for an empty or absent error', () => {
    for (const error of ['', null, undefined]) {
      const { unmount } = renderWithI18n(<Group support="日中につながる番号" error={error} />);
      expect(descriptionOf(screen.getByRole('group', { name: '連絡先' }))).toBe('日中につながる番号');
      expect(screen.getByRole('textbox', { name: '電話' }).getAttribute('aria-invalid')).toBeNull();
      expect(screen.queryByText(/＊/)).toBeNull();
      unmount();
    }
  });

  it('has no description at all without support text or error', () => {
    renderWithI18n(<Group />);
    expect(screen.getByRole('group', { name: '連絡先' }).hasAttribute('aria-describedby')).toBe(false);
  });

  it('gives each field ids of its own', () => {
    function Two() {
      const a = useFieldIds(true, 'x');
      const b = useFieldIds(true, 'x');
      return <p data-testid="ids">{[a.supportId, a.errorId, b.supportId, b.errorId].join('|')}</p>;
    }
    renderWithI18n(<Two />);
    const ids = (screen.getByTestId('ids').textContent ?? '').split('|');
    expect(new Set(ids).size).toBe(4);
  });

  it('FieldName leaves out 「※必須」 when the field is optional', () => {
    renderWithI18n(
      <p>
        <FieldName label="備考" required={false} />
      </p>,
    );
    expect(screen.queryByText('※必須')).toBeNull();
    expect(screen.getByText('備考')).toBeTruthy();
  });
});
