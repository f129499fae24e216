/** The parts every form field shares (DADS pattern): label above, 「※必須」 as text, support and error text. */
import type { ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';
import './Field.css';

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

/** aria-describedby for a field: support text first, then the error. */
export function describedBy(supportId: string | undefined, errorId: string | undefined): string | undefined {
  const ids = [supportId, errorId].filter((id) => id !== undefined);
  return ids.length === 0 ? undefined : ids.join(' ');
}
