import { useI18n } from '../../i18n/I18nProvider';
import { FieldGroup } from '../Field/FieldParts';
import type { FieldProps } from '../Field/fieldProps';
import { useFieldIds } from '../Field/useFieldIds';
import { dateFieldToIso, digitsOnly, type DateParts } from './useDateField';

export type DateFieldProps = FieldProps<DateParts>;

export function DateField({ label, value, onChange, required = false, supportText, error }: DateFieldProps) {
  const { t, formatDate } = useI18n();
  const ids = useFieldIds(true, error);
  const { id } = ids;
  const iso = dateFieldToIso(value);
  const parts = [
    { key: 'year', label: t('date.year'), max: 4 },
    { key: 'month', label: t('date.month'), max: 2 },
    { key: 'day', label: t('date.day'), max: 2 },
  ] as const;
  return (
    <FieldGroup ids={ids} legend={label} required={required} supportText={supportText ?? t('date.support')} error={error}>
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
              aria-invalid={ids.invalid}
              aria-describedby={ids.errorId}
              onChange={(e) => onChange({ ...value, [part.key]: digitsOnly(e.target.value, part.max) })}
            />
          </div>
        ))}
      </div>
      {iso !== null && <p className="field-support">{t('date.preview', { date: formatDate(iso) })}</p>}
    </FieldGroup>
  );
}
