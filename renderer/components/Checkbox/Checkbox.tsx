import type { ReactNode } from 'react';
import { FieldError, SupportText } from '../Field/FieldParts';
import { useFieldIds } from '../Field/useFieldIds';
import './Checkbox.css';

export interface CheckboxProps {
  readonly label: ReactNode;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly supportText?: ReactNode;
  readonly error?: string | null;
  readonly name?: string;
}

export function Checkbox({ label, checked, onChange, supportText, error, name }: CheckboxProps) {
  const ids = useFieldIds(supportText !== undefined, error);
  const { id, supportId } = ids;
  return (
    <div className="choice">
      <input
        id={id}
        name={name}
        type="checkbox"
        className="choice-input"
        checked={checked}
        aria-invalid={ids.invalid}
        aria-describedby={ids.describedBy}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div className="choice-text">
        <label htmlFor={id} className="choice-label">
          {label}
        </label>
        {supportId !== undefined && <SupportText id={supportId}>{supportText}</SupportText>}
        <FieldError ids={ids} error={error} />
      </div>
    </div>
  );
}
