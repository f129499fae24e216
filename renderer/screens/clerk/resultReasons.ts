/**
 * Sorts a refusal's reason codes: eligibility refusals (R-ELIG, R-APP) and missing documents
 * (R-DOC) have their own words; anything else is shown by its code so it is never hidden.
 */
import { documentCodes, type DocumentCode } from '../../../src/domain/documents';
import { refusalCodes, type RefusalCode } from '../../../src/domain/eligibility';

export type ReasonView = { readonly kind: 'refusal'; readonly code: RefusalCode } | { readonly kind: 'document'; readonly code: DocumentCode } | { readonly kind: 'other'; readonly code: string };

export function reasonView(code: string): ReasonView {
  const refusal = refusalCodes.find((r) => r === code);
  if (refusal !== undefined) return { kind: 'refusal', code: refusal };
  const document = documentCodes.find((d) => d === code);
  if (document !== undefined) return { kind: 'document', code: document };
  return { kind: 'other', code };
}
