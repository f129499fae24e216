import type { ReactNode } from 'react';
import '../Checkbox/Checkbox.css';
import { FieldGroup, SupportText } from '../Field/FieldParts';
import { useFieldIds } from '../Field/useFieldIds';

export interface RadioOption<T extends string> {
  readonly value: T;
  readonly label: ReactNode;
  readonly supportText?: ReactNode;
}

export interface RadioGroupProps<T extends string> {
  readonly legend: ReactNode;
  readonly options: readonly RadioOption<T>[];
  readonly value: T | null;
  readonly onChange: (value: T) => void;
  readonly required?: boolean;
  readonly supportText?: ReactNode;
  readonly error?: string | null;
  readonly name?: string;
}

export function RadioGroup<T extends string>({ legend, options, value, onChange, required = false, supportText, error, name }: RadioGroupProps<T>) {
  const ids = useFieldIds(supportText !== undefined, error);
  const { id } = ids;
  const groupName = name ?? id;
  return (
    <FieldGroup ids={ids} legend={legend} required={required} supportText={supportText} error={error}>
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        const optionSupportId = option.supportText === undefined ? undefined : `${optionId}-support`;
        return (
          <div key={option.value} className="choice">
            <input
              id={optionId}
              type="radio"
              className="choice-input"
              name={groupName}
              value={option.value}
              checked={value === option.value}
              required={required}
              aria-invalid={ids.invalid}
              aria-describedby={optionSupportId}
              onChange={() => onChange(option.value)}
            />
            <div className="choice-text">
              <label htmlFor={optionId} className="choice-label">
                {option.label}
              </label>
              {optionSupportId !== undefined && <SupportText id={optionSupportId}>{option.supportText}</SupportText>}
            </div>
          </div>
        );
      })}
    </FieldGroup>
  );
}
