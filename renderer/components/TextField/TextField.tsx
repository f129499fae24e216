import { useId, type ReactNode } from 'react';
import { describedBy, ErrorText, RequiredMark, SupportText } from '../Field/FieldParts';

export interface TextFieldProps {
  readonly label: ReactNode;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly required?: boolean;
  /** Rules the value must meet, shown under the label (never a placeholder). */
  readonly supportText?: ReactNode;
  /** Shown below the field, starting with 「＊」. */
  readonly error?: string | null;
  readonly name?: string;
  readonly autoComplete?: string;
  readonly inputMode?: 'text' | 'numeric' | 'tel' | 'email';
  readonly maxLength?: number;
  readonly multiline?: boolean;
  readonly lang?: string;
}

export function TextField({ label, value, onChange, required = false, supportText, error, name, autoComplete = 'off', inputMode, maxLength, multiline = false, lang }: TextFieldProps) {
  const id = useId();
  const supportId = supportText === undefined ? undefined : `${id}-support`;
  const errorId = error === undefined || error === null || error === '' ? undefined : `${id}-error`;
  const common = {
    id,
    name,
    value,
    lang,
    className: 'field-input',
    required,
    maxLength,
    'aria-invalid': errorId === undefined ? undefined : ('true' as const),
    'aria-describedby': describedBy(supportId, errorId),
  };
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
        {required && <RequiredMark />}
      </label>
      {supportId !== undefined && <SupportText id={supportId}>{supportText}</SupportText>}
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" autoComplete={autoComplete} inputMode={inputMode} onChange={(e) => onChange(e.target.value)} />
      )}
      {errorId !== undefined && error && <ErrorText id={errorId}>{error}</ErrorText>}
    </div>
  );
}
