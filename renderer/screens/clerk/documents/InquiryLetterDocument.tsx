/**
 * The voluntary proxy's inquiry-and-reply letter (照会書兼回答書, R-APP-3, R-PROC-5), mailed to
 * the applicant's registered address: addressee, date (the next counter day), the certificates
 * applied for, and a reply section to fill in by hand. It never holds anything of a password.
 */
import type { InquiryLetter } from '../../../../src/api/contract';
import { useSession } from '../../../api/ApiProvider';
import { useI18n } from '../../../i18n/I18nProvider';
import { ReissueMark } from './ReissueMark';
import './documents.css';

/** `reissuedOn`: the ISO day of a later reprint, marked 再発行 at the top. */
export function InquiryLetterDocument({ letter, reissuedOn }: { readonly letter: InquiryLetter; readonly reissuedOn?: string }) {
  const { t, formatDate } = useI18n();
  const session = useSession();
  const municipality = session?.terminal.municipalityName ?? '';
  const line = (labelId: 'doc.letter.replyDate' | 'doc.letter.replyName' | 'doc.letter.replyAddress' | 'doc.letter.proxyName' | 'doc.letter.proxyAddress') => (
    <div className="print-fill">
      <span className="print-fill-label">{t(labelId)}</span>
      <span className="print-fill-line">{labelId === 'doc.letter.replyDate' ? t('doc.letter.eraBlank') : ''}</span>
    </div>
  );
  return (
    <article className="print-document" aria-labelledby={`letter-${letter.applicationId}`}>
      {reissuedOn !== undefined && <ReissueMark isoDate={reissuedOn} />}
      <p className="print-date">{formatDate(letter.dated.iso)}</p>
      <address className="print-addressee">
        {letter.addresseeAddress}
        <br />
        <span className="print-addressee-name">{t('doc.letter.to', { name: letter.addresseeName })}</span>
      </address>
      <p className="print-issuer">{t('doc.letter.from', { municipality })}</p>
      <h2 id={`letter-${letter.applicationId}`} className="print-title">
        {t('doc.letter.title')}
      </h2>
      <p>{t('doc.letter.number', { number: letter.receiptNumber ?? t('doc.receipt.noNumber') })}</p>
      <p>{t('doc.letter.body')}</p>
      <h3>{t('doc.letter.certificates')}</h3>
      <ul>
        {letter.certificates.map((k) => (
          <li key={k}>{t(`clerk.cert.${k}`)}</li>
        ))}
      </ul>
      <p>{t('doc.letter.bring')}</p>
      <section className="print-reply" aria-labelledby={`letter-reply-${letter.applicationId}`}>
        <h3 id={`letter-reply-${letter.applicationId}`}>{t('doc.letter.reply')}</h3>
        <p>
          {t('doc.letter.replyQuestion')}
          <span className="print-box" aria-hidden="true" />
          {t('doc.letter.yes')}
          <span className="print-box" aria-hidden="true" />
          {t('doc.letter.no')}
        </p>
        {line('doc.letter.replyDate')}
        {line('doc.letter.replyName')}
        {line('doc.letter.replyAddress')}
        {line('doc.letter.proxyName')}
        {line('doc.letter.proxyAddress')}
      </section>
    </article>
  );
}
