/**
 * What the CA holds for the card on the reader, asked when it was read: certificates issued at
 * another counter and not picked up yet, those in force, revoked or expired. Offline, it says
 * that this is not known, so "nothing to check" is never read as "nothing at the CA".
 */
import type { CardSummary } from '../../../src/api/visit';
import { DataTable } from '../../components/DataTable/DataTable';
import { Notice } from '../../components/Notice/Notice';
import { Section } from '../../components/Section/Section';
import { useI18n } from '../../i18n/I18nProvider';

export function CaRecords({ card }: { readonly card: CardSummary }) {
  const { t, formatDate } = useI18n();
  const atCa = card.atCa;
  if (atCa === undefined) return null;
  const isWaiting = atCa.state === 'known' && atCa.certificates.some((c) => c.status === 'waitingForPickUp');
  return (
    <Section headingId="clerk-ca-records" title={t('clerk.caRecords.title')}>
      {atCa.state === 'unknown' ? (
        <p>{t('clerk.caRecords.unknown')}</p>
      ) : atCa.certificates.length === 0 ? (
        <p>{t('clerk.caRecords.none')}</p>
      ) : (
        <>
          {isWaiting && (
            <Notice tone="warning" live="off">
              <p>{t('clerk.caRecords.waitingNotice')}</p>
            </Notice>
          )}
          <DataTable
            className="clerk-table"
            rows={atCa.certificates}
            rowKey={(c) => c.serial}
            columns={[
              { header: t('clerk.caRecords.kind'), cell: (c) => t(`clerk.cert.${c.kind}`), isRowHeader: true },
              { header: t('clerk.caRecords.status'), cell: (c) => t(`clerk.caRecords.status.${c.status}`) },
              { header: t('clerk.caRecords.serial'), cell: (c) => c.serial },
              { header: t('clerk.caRecords.expiry'), cell: (c) => formatDate(c.expiry) },
            ]}
          />
        </>
      )}
    </Section>
  );
}
