/** The certificates of one receipt as a table: the result screen and the printed receipt show the same rows. */
import type { Receipt } from '../../../../src/api/contract';
import { DataTable } from '../../../components/DataTable/DataTable';
import { useI18n } from '../../../i18n/I18nProvider';

type Row = Receipt['certificates'][number];

export function CertificateTable({ certificates, className }: { readonly certificates: Receipt['certificates']; readonly className: string }) {
  const { t, formatDate } = useI18n();
  // A password reset or change leaves the certificate as it was: nothing is still to be issued.
  const missing = (status: Row['status']) => t(status === 'pinReset' || status === 'pinChanged' ? 'doc.receipt.unchanged' : 'doc.receipt.notIssued');
  return (
    <DataTable<Row>
      className={className}
      rows={certificates}
      rowKey={(c) => c.kind}
      columns={[
        { header: t('doc.receipt.kind'), cell: (c) => t(`clerk.cert.${c.kind}`), isRowHeader: true },
        { header: t('doc.receipt.status'), cell: (c) => t(`clerk.receiptStatus.${c.status}`) },
        { header: t('doc.receipt.serial'), cell: (c) => c.serial ?? missing(c.status) },
        { header: t('doc.receipt.expiry'), cell: (c) => (c.expiry === null ? missing(c.status) : c.expiryIsExpected ? t('doc.receipt.expected', { date: formatDate(c.expiry.iso) }) : formatDate(c.expiry.iso)) },
      ]}
    />
  );
}
