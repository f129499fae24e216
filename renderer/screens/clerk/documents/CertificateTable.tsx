/** The certificates of one receipt as a table: the result screen and the printed receipt show the same rows. */
import type { Receipt } from '../../../../src/api/contract';
import { useI18n } from '../../../i18n/I18nProvider';

export function CertificateTable({ certificates, className }: { readonly certificates: Receipt['certificates']; readonly className: string }) {
  const { t, formatDate } = useI18n();
  // A password reset or change leaves the certificate as it was: nothing is still to be issued.
  const missing = (status: Receipt['certificates'][number]['status']) => t(status === 'pinReset' || status === 'pinChanged' ? 'doc.receipt.unchanged' : 'doc.receipt.notIssued');
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
            <td>{c.serial ?? missing(c.status)}</td>
            <td>{c.expiry === null ? missing(c.status) : c.expiryIsExpected ? t('doc.receipt.expected', { date: formatDate(c.expiry.iso) }) : formatDate(c.expiry.iso)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
