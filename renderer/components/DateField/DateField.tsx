import { useId, type ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { describedBy, ErrorText, RequiredMark, SupportText } from '../Field/FieldParts';
import { dateFieldToIso, digitsOnly, type DateParts } from './useDateField';

export interface DateFieldProps {
  readonly label: ReactNode;
  readonly value: DateParts;
  readonly onChange: (value: DateParts) => void;
  readonly required?: boolean;
  readonly supportText?: ReactNode;
  readonly error?: string | null;
}

export function DateField({ label, value, onChange, required = false, supportText, error }: DateFieldProps) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const supportId = `${id}-support`;
  const errorId = error === undefined || error === null || error === '' ? undefined : `${id}-error`;
  const iso = dateFieldToIso(value);
  const parts = [
    { key: 'year', label: t('date.year'), max: 4 },
    { key: 'month', label: t('date.month'), max: 2 },
    { key: 'day', label: t('date.day'), max: 2 },
  ] as const;
  return (
    <fieldset className="field" aria-describedby={describedBy(supportId, errorId)}>
      <legend className="field-label">
        {label}
        {required && <RequiredMark />}
      </legend>
      <SupportText id={supportId}>{supportText ?? t('date.support')}</SupportText>
      <div className="field-date">
        {parts.map((part) => (
          <div key={part.key} className={`field-date-part field-date-part--${part.key}`}>
            <label htmlFor={`${id}-${part.key}`}>{part.label}</label>
            <input
              id={`${id}-${part.key}`}
              className="field-input"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              required={required}
              value={value[part.key]}
              aria-invalid={errorId === undefined ? undefined : 'true'}
              aria-describedby={errorId}
              onChange={(e) => onChange({ ...value, [part.key]: digitsOnly(e.target.value, part.max) })}
            />
          </div>
        ))}
      </div>
      {iso !== null && <p className="field-support">{t('date.preview', { date: formatDate(iso) })}</p>}
      {errorId !== undefined && error && <ErrorText id={errorId}>{error}</ErrorText>}
    </fieldset>
  );
}
