/**
 * Sorts a refusal's reason codes: eligibility refusals (R-ELIG, R-APP) and missing documents
 * (R-DOC) have their own words; anything else is shown by its code so it is never hidden.
 */
import { documentCodes, type DocumentCode } from '../../../src/domain/documents';
import { refusalCodes, type RefusalCode } from '../../../src/domain/eligibility';
import type { I18n } from '../../i18n/I18nProvider';

export type ReasonView = { readonly kind: 'refusal'; readonly code: RefusalCode } | { readonly kind: 'document'; readonly code: DocumentCode } | { readonly kind: 'other'; readonly code: string };

export function reasonView(code: string): ReasonView {
  const refusal = refusalCodes.find((r) => r === code);
  if (refusal !== undefined) return { kind: 'refusal', code: refusal };
  const document = documentCodes.find((d) => d === code);
  if (document !== undefined) return { kind: 'document', code: document };
  return { kind: 'other', code };
}

/** A refusal reason in the clerk's words, whichever screen lists it. */
export function reasonText(t: I18n['t'], code: string): string {
  const view = reasonView(code);
  if (view.kind === 'refusal') return t(`clerk.refusal.${view.code}`);
  if (view.kind === 'document') return t('clerk.refusal.missingDocument', { document: t(`clerk.document.${view.code}`) });
  return t('clerk.refusal.unknown', { code: view.code });
}
