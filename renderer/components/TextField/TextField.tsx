import { FieldError, FieldName, SupportText } from '../Field/FieldParts';
import type { FieldProps } from '../Field/fieldProps';
import { useFieldIds } from '../Field/useFieldIds';

export interface TextFieldProps extends FieldProps<string> {
  readonly name?: string;
  readonly autoComplete?: string;
  readonly inputMode?: 'text' | 'numeric' | 'tel' | 'email';
  readonly maxLength?: number;
  readonly multiline?: boolean;
  readonly lang?: string;
}

export function TextField({ label, value, onChange, required = false, supportText, error, name, autoComplete = 'off', inputMode, maxLength, multiline = false, lang }: TextFieldProps) {
  const ids = useFieldIds(supportText !== undefined, error);
  const { id, supportId } = ids;
  const common = {
    id,
    name,
    value,
    lang,
    className: 'field-input',
    required,
    maxLength,
    'aria-invalid': ids.invalid,
    'aria-describedby': ids.describedBy,
  };
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        <FieldName label={label} required={required} />
      </label>
      {supportId !== undefined && <SupportText id={supportId}>{supportText}</SupportText>}
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" autoComplete={autoComplete} inputMode={inputMode} onChange={(e) => onChange(e.target.value)} />
      )}
      <FieldError ids={ids} error={error} />
    </div>
  );
}
