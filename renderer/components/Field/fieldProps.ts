import type { ReactNode } from 'react';

/** What every field that edits one value takes. */
export interface FieldProps<V> {
  readonly label: ReactNode;
  readonly value: V;
  readonly onChange: (value: V) => void;
  readonly required?: boolean;
  /** Rules the value must meet, shown under the label (never a placeholder). */
  readonly supportText?: ReactNode;
  /** Shown below the field, starting with 「＊」. */
  readonly error?: string | null;
}
