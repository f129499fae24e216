/**
 * The parts of the day-end report that name applications: the day by receipt number, and the
 * requests still open at close with the receipt they belong to. Receipt numbers only — the
 * report holds no name, address or card serial.
 */
import type { DayReport } from '../../../src/api/contract';
import { DataTable } from '../../components/DataTable/DataTable';
import { useT } from '../../i18n/I18nProvider';

type OpenRequest = DayReport['openAtClose']['requests'][number];

export function ReceiptList({ report, clerkName }: { readonly report: DayReport; readonly clerkName: (clerkId: string) => string }) {
  const t = useT();
  if (report.receipts.length === 0) return null;
  return (
    <>
      <h3>{t('clerk.report.receipts')}</h3>
      <DataTable
        className="print-table day-report-receipts"
        rows={report.receipts}
        rowKey={(r, index) => r.receiptNumber ?? `none-${index}`}
        columns={[
          { header: t('clerk.report.colReceipt'), cell: (r) => r.receiptNumber ?? t('clerk.report.noReceipt'), isRowHeader: true },
          { header: t('clerk.report.colProcedure'), cell: (r) => t(`clerk.procedure.${r.procedure}`) },
          { header: t('clerk.report.colApplicant'), cell: (r) => t(`clerk.applicantType.${r.applicantType}`) },
          { header: t('clerk.report.colOutcome'), cell: (r) => t(`clerk.report.outcome.${r.outcome}`) },
          { header: t('clerk.report.colClerk'), cell: (r) => clerkName(r.clerkId) },
          { header: t('clerk.report.colYen'), cell: (r) => t('clerk.report.yen', { yen: r.feeYen.toLocaleString('ja-JP') }) },
        ]}
      />
    </>
  );
}

/** What is still open at close: the badge's "needs a clerk" is the refused minus the acknowledged. */
export function OpenAtClose({ report }: { readonly report: DayReport }) {
  const t = useT();
  const open = report.openAtClose;
  const requestText = (r: OpenRequest) =>
    t('clerk.report.open.request', {
      receipt: r.receiptNumber ?? t('clerk.report.noReceipt'),
      what: t(`clerk.queueKind.${r.kind}`, { certificate: t(`clerk.cert.${r.certificateKind}`) }),
      state: t(`clerk.report.openState.${r.state}`),
    });
  return (
    <>
      <h3>{t('clerk.report.open.heading')}</h3>
      {open.waiting + open.failedForGood === 0 ? (
        <p>{t('clerk.report.open.none')}</p>
      ) : (
        <>
          <ul>
            <li>{t('clerk.report.open.waiting', { count: open.waiting })}</li>
            <li>{t('clerk.report.open.failedForGood', { count: open.failedForGood, acknowledged: open.acknowledged })}</li>
          </ul>
          <ul className="day-report-open-requests" aria-label={t('clerk.report.open.list')}>
            {open.requests.map((r, index) => (
              <li key={`${r.receiptNumber ?? 'none'}-${r.kind}-${r.certificateKind}-${index}`}>{requestText(r)}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** Refused for good and not yet acknowledged: what the queue badge counts too. */
export function needingClerk(report: DayReport): number {
  return report.openAtClose.failedForGood - report.openAtClose.acknowledged;
}
