/** The parts every form field shares (DADS pattern): label above, 「※必須」 as text, support and error text. */
import type { ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';
import './Field.css';
import type { FieldIds } from './useFieldIds';

export { describedBy } from './describedBy';

export function RequiredMark() {
  const t = useT();
  return <span className="field-required">{t('field.required')}</span>;
}

export function SupportText({ id, children }: { readonly id: string; readonly children: ReactNode }) {
  return (
    <p id={id} className="field-support">
      {children}
    </p>
  );
}

/** Errors always start with 「＊」 so they are not told by colour alone. */
export function ErrorText({ id, children }: { readonly id: string; readonly children: string }) {
  const t = useT();
  const prefix = t('field.errorPrefix');
  return (
    <p id={id} className="field-error">
      {children.startsWith(prefix) ? children : `${prefix}${children}`}
    </p>
  );
}

/** The error under a field, while there is one. */
export function FieldError({ ids, error }: { readonly ids: FieldIds; readonly error: string | null | undefined }) {
  if (ids.errorId === undefined || !error) return null;
  return <ErrorText id={ids.errorId}>{error}</ErrorText>;
}

/** A field's name: the label's words, then 「※必須」 as text when it must be filled. */
export function FieldName({ label, required }: { readonly label: ReactNode; readonly required: boolean }) {
  return (
    <>
      {label}
      {required && <RequiredMark />}
    </>
  );
}

export interface FieldGroupProps {
  readonly ids: FieldIds;
  readonly legend: ReactNode;
  readonly required: boolean;
  readonly supportText?: ReactNode;
  readonly error: string | null | undefined;
  /** The group's controls (and anything said between them and the error). */
  readonly children: ReactNode;
}

/**
 * A field of several controls (a date's parts, a choice's options): a fieldset named by its
 * legend and described by its support text and error, in that order.
 */
export function FieldGroup({ ids, legend, required, supportText, error, children }: FieldGroupProps) {
  return (
    <fieldset className="field" aria-describedby={ids.describedBy}>
      <legend className="field-label">
        <FieldName label={legend} required={required} />
      </legend>
      {ids.supportId !== undefined && <SupportText id={ids.supportId}>{supportText}</SupportText>}
      {children}
      <FieldError ids={ids} error={error} />
    </fieldset>
  );
}
