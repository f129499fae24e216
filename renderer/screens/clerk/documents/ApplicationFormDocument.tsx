/**
 * The application form printed from the card (書かない窓口), laid out like the city's paper form:
 * title, addressee and date, the holder's basic 4 information (birth date in the Japanese era and
 * the Western year), the card, the procedure and certificates, the applicant and the documents,
 * the fee, and a 自署 box for each person who signs. Facts not read from the card are blank lines
 * to write in; characters the font lacks are flagged as on the identity screen.
 */
import type { ApplicationForm } from '../../../../src/domain/application-form';
import { documentCodes, type DocumentCode } from '../../../../src/domain/documents';
import { useSession } from '../../../api/ApiProvider';
import { FactsTable } from '../../../components/FactsTable/FactsTable';
import { useI18n } from '../../../i18n/I18nProvider';
import './documents.css';
import { ReissueMark } from './ReissueMark';

/** `reissuedOn`: the day of a reprint, marked 再発行 at the top. */
export function ApplicationFormDocument({ form, reissuedOn }: { readonly form: ApplicationForm; readonly reissuedOn?: string }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const municipality = session?.terminal.municipalityName ?? '';
  const holder = form.holder;
  const headingId = `form-${form.receiptNumber ?? form.date.iso}`;
  const blank = <span className="print-blank">{t('doc.form.handwrite')}</span>;
  const list = (items: readonly string[]) => items.join(t('clerk.applicant.listSeparator'));
  return (
    <article className="print-document print-form" aria-labelledby={headingId}>
      {reissuedOn !== undefined && <ReissueMark isoDate={reissuedOn} />}
      <h2 id={headingId} className="print-title">
        {t(`doc.form.title.${form.kind}`)}
      </h2>
      <p className="print-addressee">{t('doc.form.addressee', { municipality })}</p>
      <dl className="print-facts">
        <dt>{t('doc.form.number')}</dt>
        <dd>{form.receiptNumber ?? t('doc.receipt.noNumber')}</dd>
        <dt>{t('doc.form.date')}</dt>
        <dd>{lang === 'ja' ? `${form.date.eraJa}（${form.date.gregorianJa}）` : form.date.en}</dd>
      </dl>
      <h3>{t('doc.form.holder')}</h3>
      {holder === null && <p>{t('doc.form.notRead')}</p>}
      {holder !== null && holder.outsideFont.length > 0 && <p className="print-flag">{t('doc.form.fontMissing')}</p>}
      <FactsTable
        className="print-table print-form-table"
        facts={[
          { label: t('doc.form.name'), value: holder === null ? blank : <Flagged text={holder.name} isFlagged={holder.outsideFont.includes('name')} />, className: 'print-form-name' },
          { label: t('doc.form.address'), value: holder === null ? blank : <Flagged text={holder.address} isFlagged={holder.outsideFont.includes('address')} /> },
          {
            label: t('doc.form.birthDate'),
            value: holder === null ? blank : t('doc.form.birthDateValue', lang === 'ja' ? { era: holder.birthDate.eraJa, gregorian: holder.birthDate.gregorianJa } : { era: holder.birthDate.eraEn, gregorian: holder.birthDate.gregorianEn }),
          },
          { label: t('doc.form.sex'), value: holder === null ? blank : t(`clerk.sex.${holder.sex}`) },
          { label: t('doc.form.cardSerial'), value: form.cardSerial ?? t('doc.form.noCard') },
        ]}
      />
      <h3>{t('doc.form.procedure')}</h3>
      <FactsTable
        className="print-table print-form-table"
        facts={[
          { label: t('doc.form.procedure'), value: t(`clerk.procedure.${form.procedure}`) },
          { label: t('doc.form.certificates'), value: list(form.certificates.map((kind) => t(`clerk.cert.${kind}`))) },
          { label: t('doc.form.applicant'), value: t(`clerk.applicantType.${form.applicantType}`) },
          // The holder in person signs as the applicant: no one else's name is asked.
          ...(form.applicantType === 'self' ? [] : [{ label: t('doc.form.representativeName'), value: form.representativeName ?? blank }]),
          { label: t('doc.form.documents'), value: list(form.documents.map((code) => (isDocumentCode(code) ? t(`clerk.document.${code}`) : code))) },
          { label: t('doc.form.fee'), value: form.feeYen === 0 ? t('clerk.applicant.feeFree') : t('clerk.applicant.feeYen', { yen: form.feeYen }) },
        ]}
      />
      <p>{t('doc.form.declaration')}</p>
      <h3>{t('doc.form.signatures')}</h3>
      {form.signers.map((signer) => (
        <div key={signer} className="print-signature">
          {signer === 'holder' && form.signers.includes('proxy') && <p>{t('doc.form.delegation')}</p>}
          <p className="print-signature-label">{t(`doc.form.signer.${signer}`)}</p>
          <div className="print-signature-box" />
        </div>
      ))}
      <h3>{t('doc.form.office')}</h3>
      <div className="print-signature-box print-office-box" />
    </article>
  );
}

function isDocumentCode(code: string): code is DocumentCode {
  return (documentCodes as readonly string[]).includes(code);
}

/** A fact with a character the font may lack: marked ※ where it stands, as the note above says. */
function Flagged({ text, isFlagged }: { readonly text: string; readonly isFlagged: boolean }) {
  const t = useI18n().t;
  if (!isFlagged) return <>{text}</>;
  return (
    <>
      {text} <span className="print-flag">{t('doc.form.fontMark')}</span>
    </>
  );
}
