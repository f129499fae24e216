/**
 * The printed receipt (R-PROC-6): what was done, the certificates with their expiry in era and
 * Gregorian dates, the fee, what to do next and the R-USE-1 notice, in words for the resident (no
 * rule ids, no clerk instructions), under the short receipt number the application keeps. It is
 * built from the receipt the core returns, which never holds a password (R-PW-3).
 */
import type { Receipt } from '../../../../src/api/contract';
import { useSession } from '../../../api/ApiProvider';
import { useI18n } from '../../../i18n/I18nProvider';
import { nextStepMessages } from '../../../../src/words/receipt';
import { CertificateTable } from './CertificateTable';
import { ReissueMark } from './ReissueMark';
import './documents.css';

/**
 * The warnings that concern the resident, in the resident's words. The clerk's own instructions
 * (「偽りの申請は罪になります。申請者にお伝えください」) stay on the clerk's screen.
 */
const residentNotes = ['no-sign-under-15', 'no-sign-adult-ward', 'not-same-day'] as const;
type ResidentNote = (typeof residentNotes)[number];
function isResidentNote(code: string): code is ResidentNote {
  return (residentNotes as readonly string[]).includes(code);
}

/** `reissuedOn`: the ISO day of a later reprint, marked 再発行 at the top. */
export function ReceiptDocument({ receipt, reissuedOn }: { readonly receipt: Receipt; readonly reissuedOn?: string }) {
  const { t, lang, formatDate } = useI18n();
  const session = useSession();
  const municipality = session?.terminal.municipalityName ?? '';
  const feeText = receipt.feeYen === 0 ? t('clerk.applicant.feeFree') : t('clerk.applicant.feeYen', { yen: receipt.feeYen });
  const notes = receipt.warnings.filter(isResidentNote);
  const terminalId = session?.terminal.terminalId;
  return (
    <article className="print-document" aria-labelledby={`receipt-${receipt.applicationId}`}>
      {reissuedOn !== undefined && <ReissueMark isoDate={reissuedOn} />}
      <h2 id={`receipt-${receipt.applicationId}`} className="print-title">
        {t('doc.receipt.title')}
      </h2>
      <p className="print-issuer">{t('doc.receipt.issuer', { municipality })}</p>
      <dl className="print-facts">
        <dt>{t('doc.receipt.number')}</dt>
        <dd>{receipt.receiptNumber ?? t('doc.receipt.noNumber')}</dd>
        {terminalId !== undefined && (
          <>
            <dt>{t('doc.receipt.terminal')}</dt>
            <dd>{terminalId}</dd>
          </>
        )}
        {receipt.applicantName !== null && (
          <>
            <dt>{t('doc.receipt.name')}</dt>
            <dd>{receipt.applicantName}</dd>
          </>
        )}
        <dt>{t('doc.receipt.date')}</dt>
        <dd>{formatDate(receipt.date.iso)}</dd>
        <dt>{t('doc.receipt.procedure')}</dt>
        <dd>{t(`clerk.procedure.${receipt.procedure}`)}</dd>
        <dt>{t('doc.receipt.applicant')}</dt>
        <dd>{t(`clerk.applicantType.${receipt.applicantType}`)}</dd>
        <dt>{t('doc.receipt.fee')}</dt>
        <dd>{feeText}</dd>
      </dl>
      <h3>{t('doc.receipt.certificates')}</h3>
      {receipt.certificates.length === 0 ? (
        <p>{t('doc.receipt.noCertificates')}</p>
      ) : (
        <CertificateTable certificates={receipt.certificates} className="print-table" />
      )}
      <h3>{t('doc.receipt.next')}</h3>
      <p>{nextStepMessages[receipt.nextStep][lang]}</p>
      <h3>{t('doc.receipt.notes')}</h3>
      <ul>
        {notes.map((note) => (
          <li key={note}>{t(`doc.receipt.note.${note}`)}</li>
        ))}
        {receipt.certificates.length > 0 && <li>{t('doc.receipt.validity')}</li>}
        <li>{t('doc.receipt.use')}</li>
        <li>{t('doc.receipt.noSecrets')}</li>
        <li>{t('doc.receipt.forgotten')}</li>
      </ul>
    </article>
  );
}
