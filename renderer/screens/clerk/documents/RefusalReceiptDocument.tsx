/**
 * The printed receipt of an eligibility refusal (R-ELIG, R-PROC-6): what was refused, the date,
 * and each reason in plain words with its rule ids. Built from the refusal codes the core sent;
 * it holds no personal data and no password.
 */
import type { CertificateKind, Procedure } from '../../../../src/domain/vocabulary';
import { useSession } from '../../../api/ApiProvider';
import { useI18n } from '../../../i18n/I18nProvider';
import { certificateNames, refusalReceiptWords, refusalSentence } from '../../../../src/words/receipt';
import './documents.css';

export interface RefusalReceiptProps {
  readonly procedure: Procedure;
  readonly reasons: readonly string[];
  /** ISO date of the visit (Japan time). */
  readonly date: string;
  readonly certificates: readonly CertificateKind[];
}

export function RefusalReceiptDocument({ procedure, reasons, date, certificates }: RefusalReceiptProps) {
  const { t, lang, formatDate } = useI18n();
  const session = useSession();
  const municipality = session?.terminal.municipalityName ?? '';
  const list = certificates.map((k) => certificateNames[k][lang]).join(lang === 'ja' ? '、' : ', ');
  return (
    <article className="print-document" aria-labelledby="refusal-receipt-title">
      <h2 id="refusal-receipt-title" className="print-title">
        {refusalReceiptWords.title[lang]}
      </h2>
      <p className="print-issuer">{t('doc.receipt.issuer', { municipality })}</p>
      <dl className="print-facts">
        <dt>{refusalReceiptWords.date[lang]}</dt>
        <dd>{formatDate(date)}</dd>
        <dt>{refusalReceiptWords.procedure[lang]}</dt>
        <dd>{t(`clerk.procedure.${procedure}`)}</dd>
      </dl>
      <h3>{refusalReceiptWords.refused[lang]}</h3>
      <p>{refusalReceiptWords.refusedCertificates[lang].replace('{list}', list)}</p>
      <h3>{refusalReceiptWords.why[lang]}</h3>
      <ul>
        {reasons.map((code) => (
          <li key={code}>{refusalSentence(code)[lang]}</li>
        ))}
      </ul>
      <p>{refusalReceiptWords.nothingIssued[lang]}</p>
      <p>{refusalReceiptWords.noSecrets[lang]}</p>
    </article>
  );
}
