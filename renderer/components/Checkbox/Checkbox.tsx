import { useId, type ReactNode } from 'react';
import { describedBy, ErrorText, SupportText } from '../Field/FieldParts';
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
  const id = useId();
  const supportId = supportText === undefined ? undefined : `${id}-support`;
  const errorId = error === undefined || error === null || error === '' ? undefined : `${id}-error`;
  return (
    <div className="choice">
      <input
        id={id}
        name={name}
        type="checkbox"
        className="choice-input"
        checked={checked}
        aria-invalid={errorId === undefined ? undefined : 'true'}
        aria-describedby={describedBy(supportId, errorId)}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div className="choice-text">
        <label htmlFor={id} className="choice-label">
          {label}
        </label>
        {supportId !== undefined && <SupportText id={supportId}>{supportText}</SupportText>}
        {errorId !== undefined && error && <ErrorText id={errorId}>{error}</ErrorText>}
      </div>
    </div>
  );
}
