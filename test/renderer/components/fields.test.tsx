import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { Checkbox } from '../../../renderer/components/Checkbox/Checkbox';
import { DateField } from '../../../renderer/components/DateField/DateField';
import { dateFieldToIso, emptyDate, isoToDateField, type DateParts } from '../../../renderer/components/DateField/useDateField';
import { RadioGroup } from '../../../renderer/components/RadioGroup/RadioGroup';
import { TextField } from '../../../renderer/components/TextField/TextField';
import { descriptionOf, renderWithI18n } from '../render';

function ControlledText(props: { readonly error?: string; readonly onValue?: (v: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <TextField
      label="氏名"
      required
      supportText="カードの表面のとおりに入力してください"
      error={props.error}
      value={value}
      onChange={(v) => {
        setValue(v);
        props.onValue?.(v);
      }}
    />
  );
}

describe('TextField', () => {
  it('has its label above, 「※必須」 as text, support text described, and no placeholder', async () => {
    const user = userEvent.setup();
    const onValue = jest.fn();
    const { container } = renderWithI18n(<ControlledText onValue={onValue} />);
    const input = screen.getByRole('textbox', { name: '氏名 ※必須' });
    expect(screen.getByText('※必須')).toBeTruthy();
    expect(descriptionOf(input)).toBe('カードの表面のとおりに入力してください');
    expect(input.hasAttribute('placeholder')).toBe(false);
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(container.querySelector('label')?.compareDocumentPosition(input)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    await user.type(input, '各務原');
    expect(onValue).toHaveBeenLastCalledWith('各務原');
  });

  it('shows an error below starting with 「＊」, tied by aria-invalid and aria-describedby', () => {
    renderWithI18n(<ControlledText error="氏名を入力してください" />);
    const input = screen.getByRole('textbox', { name: '氏名 ※必須' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('＊氏名を入力してください')).toBeTruthy();
    expect(descriptionOf(input)).toBe('カードの表面のとおりに入力してください ＊氏名を入力してください');
  });

  it('does not double the 「＊」 and can be multiline', () => {
    renderWithI18n(<TextField label="住所" value="" onChange={() => undefined} multiline error="＊住所を入力してください" />);
    expect(screen.getByText('＊住所を入力してください')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: '住所' }).tagName).toBe('TEXTAREA');
  });
});

function ControlledDate({ error }: { readonly error?: string }) {
  const [value, setValue] = useState<DateParts>(emptyDate);
  return <DateField label="生年月日" required value={value} onChange={setValue} error={error} />;
}

describe('DateField', () => {
  it('takes year, month and day as labelled fields and previews the Japanese-era date', async () => {
    const user = userEvent.setup();
    renderWithI18n(<ControlledDate />);
    expect(screen.getByRole('group', { name: '生年月日 ※必須' })).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: '年' }), '２０２５');
    await user.type(screen.getByRole('textbox', { name: '月' }), '11');
    await user.type(screen.getByRole('textbox', { name: '日' }), '25x');
    expect(screen.getByText('和暦：令和7年11月25日（2025年）')).toBeTruthy();
  });

  it('marks every part invalid and shows the error', () => {
    renderWithI18n(<ControlledDate error="日付が正しくありません" />);
    for (const name of ['年', '月', '日']) expect(screen.getByRole('textbox', { name }).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('＊日付が正しくありません')).toBeTruthy();
  });

  it('converts to and from ISO dates, refusing impossible ones', () => {
    expect(dateFieldToIso({ year: '2024', month: '2', day: '29' })).toBe('2024-02-29');
    expect(dateFieldToIso({ year: '2025', month: '2', day: '29' })).toBeNull();
    expect(dateFieldToIso({ year: '25', month: '1', day: '1' })).toBeNull();
    expect(isoToDateField('1990-05-10')).toEqual({ year: '1990', month: '5', day: '10' });
    expect(isoToDateField(null)).toEqual(emptyDate);
  });
});

describe('Checkbox', () => {
  it('toggles by its label and describes its support text and error', async () => {
    const user = userEvent.setup();
    function Controlled() {
      const [checked, setChecked] = useState(false);
      return <Checkbox label="本人確認書類" supportText="顔写真付き" error={checked ? null : '確認してください'} checked={checked} onChange={setChecked} />;
    }
    renderWithI18n(<Controlled />);
    const box = screen.getByRole('checkbox', { name: '本人確認書類' });
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(box)).toBe('顔写真付き ＊確認してください');
    await user.click(screen.getByText('本人確認書類'));
    expect((box as HTMLInputElement).checked).toBe(true);
    expect(box.getAttribute('aria-invalid')).toBeNull();
  });
});

describe('RadioGroup', () => {
  it('is a fieldset with a legend; a click chooses', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    function Controlled() {
      const [value, setValue] = useState<'self' | 'proxy' | null>(null);
      return (
        <RadioGroup
          legend="申請者"
          required
          options={[
            { value: 'self', label: '本人' },
            { value: 'proxy', label: '任意代理人', supportText: '後日交付になります' },
          ]}
          value={value}
          onChange={(v) => {
            setValue(v);
            onChange(v);
          }}
          error={value === null ? '選んでください' : null}
        />
      );
    }
    renderWithI18n(<Controlled />);
    const group = screen.getByRole('group', { name: '申請者 ※必須' });
    expect(group.tagName).toBe('FIELDSET');
    expect(screen.getByText('＊選んでください')).toBeTruthy();
    expect(descriptionOf(screen.getByRole('radio', { name: '任意代理人' }))).toBe('後日交付になります');
    await user.click(screen.getByRole('radio', { name: '本人' }));
    expect(onChange).toHaveBeenLastCalledWith('self');
    // Arrow keys are the browser's own radio behaviour (user-event needs CSS.escape, which jsdom lacks).
    await user.click(screen.getByText('任意代理人'));
    expect(onChange).toHaveBeenLastCalledWith('proxy');
    expect(screen.queryByText('＊選んでください')).toBeNull();
  });
});
