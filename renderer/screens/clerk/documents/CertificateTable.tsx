/** The certificates of one receipt as a table: the result screen and the printed receipt show the same rows. */
import type { Receipt } from '../../../../src/api/contract';
import { useI18n } from '../../../i18n/I18nProvider';

export function CertificateTable({ certificates, className }: { readonly certificates: Receipt['certificates']; readonly className: string }) {
  const { t, formatDate } = useI18n();
  return (
    <table className={className}>
      <thead>
        <tr>
          <th scope="col">{t('doc.receipt.kind')}</th>
          <th scope="col">{t('doc.receipt.status')}</th>
          <th scope="col">{t('doc.receipt.serial')}</th>
          <th scope="col">{t('doc.receipt.expiry')}</th>
        </tr>
      </thead>
      <tbody>
        {certificates.map((c) => (
          <tr key={c.kind}>
            <th scope="row">{t(`clerk.cert.${c.kind}`)}</th>
            <td>{t(`clerk.receiptStatus.${c.status}`)}</td>
            <td>{c.serial ?? t('doc.receipt.notIssued')}</td>
            <td>{c.expiry === null ? t('doc.receipt.notIssued') : c.expiryIsExpected ? t('doc.receipt.expected', { date: formatDate(c.expiry.iso) }) : formatDate(c.expiry.iso)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
