/**
 * The printed receipt (R-PROC-6): what was done, the certificates with their expiry in era and
 * Gregorian dates, the fee, what to do next and the R-USE-1 notice. It is built from the
 * receipt the core returns, which never holds a password (R-PW-3); nothing here asks for one.
 */
import type { Receipt } from '../../../../src/api/contract';
import { useSession } from '../../../api/ApiProvider';
import { useI18n } from '../../../i18n/I18nProvider';
import { nextStepMessages } from '../../../i18n/receipt';
import { CertificateTable } from './CertificateTable';
import './documents.css';

const eligibilityWarnings = ['false-application-is-a-crime', 'no-sign-under-15', 'no-sign-adult-ward', 'representative-sets-pin', 'not-same-day', 'confirm-registration'] as const;
type EligibilityWarning = (typeof eligibilityWarnings)[number];
function isEligibilityWarning(code: string): code is EligibilityWarning {
  return (eligibilityWarnings as readonly string[]).includes(code);
}

export function ReceiptDocument({ receipt }: { readonly receipt: Receipt }) {
  const { t, lang, formatDate } = useI18n();
  const session = useSession();
  const municipality = session?.terminal.municipalityName ?? '';
  const feeText = receipt.feeYen === 0 ? t('clerk.applicant.feeFree') : t('clerk.applicant.feeYen', { yen: receipt.feeYen });
  // The warnings a receipt carries are eligibility codes; applicant warnings are not for the paper.
  const warnings = receipt.warnings.filter(isEligibilityWarning).filter((w) => w === 'false-application-is-a-crime' || w === 'not-same-day' || w === 'no-sign-under-15' || w === 'no-sign-adult-ward');
  return (
    <article className="print-document" aria-labelledby={`receipt-${receipt.applicationId}`}>
      <h2 id={`receipt-${receipt.applicationId}`} className="print-title">
        {t('doc.receipt.title')}
      </h2>
      <p className="print-issuer">{t('doc.receipt.issuer', { municipality })}</p>
      <dl className="print-facts">
        <dt>{t('doc.receipt.number')}</dt>
        <dd>{receipt.applicationId}</dd>
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
        {warnings.map((w) => (
          <li key={w}>{t(`clerk.eligibility.${w}`)}</li>
        ))}
        {receipt.certificates.length > 0 && <li>{t('doc.receipt.validity')}</li>}
        <li>{t('doc.receipt.use')}</li>
        <li>{t('doc.receipt.noSecrets')}</li>
      </ul>
    </article>
  );
}
