import { useId } from 'react';
import { describedBy } from './describedBy';

/** The ids that tie a field's support text and error to its control (or its group). */
export interface FieldIds {
  readonly id: string;
  /** Set when the field has support text. */
  readonly supportId: string | undefined;
  /** Set only while there is an error to show. */
  readonly errorId: string | undefined;
  /** aria-describedby for the field: its support text first, then its error. */
  readonly describedBy: string | undefined;
  /** aria-invalid for the field's controls: 'true' while an error shows. */
  readonly invalid: 'true' | undefined;
}

/** An empty error is no error: nothing is said, and the field is not marked invalid. */
export function useFieldIds(hasSupport: boolean, error: string | null | undefined): FieldIds {
  const id = useId();
  const errorId = error === undefined || error === null || error === '' ? undefined : `${id}-error`;
  const supportId = hasSupport ? `${id}-support` : undefined;
  return { id, supportId, errorId, describedBy: describedBy(supportId, errorId), invalid: errorId === undefined ? undefined : 'true' };
}
