/**
 * What the CA holds for the card on the reader, asked when it was read: certificates issued at
 * another counter and not picked up yet, those in force, revoked or expired. Offline, it says
 * that this is not known, so "nothing to check" is never read as "nothing at the CA".
 */
import type { CardSummary } from '../../../src/api/visit';
import { Notice } from '../../components/Notice/Notice';
import { useI18n } from '../../i18n/I18nProvider';

export function CaRecords({ card }: { readonly card: CardSummary }) {
  const { t, formatDate } = useI18n();
  const atCa = card.atCa;
  if (atCa === undefined) return null;
  const isWaiting = atCa.state === 'known' && atCa.certificates.some((c) => c.status === 'waitingForPickUp');
  return (
    <section aria-labelledby="clerk-ca-records">
      <h2 id="clerk-ca-records">{t('clerk.caRecords.title')}</h2>
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
          <table className="clerk-table">
            <thead>
              <tr>
                <th scope="col">{t('clerk.caRecords.kind')}</th>
                <th scope="col">{t('clerk.caRecords.status')}</th>
                <th scope="col">{t('clerk.caRecords.serial')}</th>
                <th scope="col">{t('clerk.caRecords.expiry')}</th>
              </tr>
            </thead>
            <tbody>
              {atCa.certificates.map((c) => (
                <tr key={c.serial}>
                  <th scope="row">{t(`clerk.cert.${c.kind}`)}</th>
                  <td>{t(`clerk.caRecords.status.${c.status}`)}</td>
                  <td>{c.serial}</td>
                  <td>{formatDate(c.expiry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
