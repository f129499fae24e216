/**
 * The day-end report (日計表): at closing the clerk reconciles the day — procedures per applicant
 * type and where each stands, certificates delivered, refusals by reason, the fees per clerk and
 * the cash to hand over, and what is still open. The host counts from its records; this screen
 * only says it, and prints it on A4 (only the report prints).
 */
import { Fragment, useCallback, useEffect, useState } from 'react';
import type { DayReport } from '../../../src/api/contract';
import { isIsoDate } from '../../../src/domain/local-date';
import { useApi, useSession } from '../../api/ApiProvider';
import { useClerkName } from './useClerkName';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../components/Button/Button';
import { DataTable } from '../../components/DataTable/DataTable';
import { Notice } from '../../components/Notice/Notice';
import { TextField } from '../../components/TextField/TextField';
import { useI18n } from '../../i18n/I18nProvider';
import { documentCodes, type DocumentCode } from '../../../src/domain/documents';
import { refusalCodes } from '../../../src/domain/eligibility';
import { ClerkLayout } from './ClerkLayout';
import { OpenAtClose, ReceiptList, needingClerk } from './DayReportReceipts';
import { tokyoIsoDate } from './clerkTime';
import { useAsk } from './useAsk';
import './dayReport.css';

const knownRefusals: ReadonlySet<string> = new Set<string>([...refusalCodes, 'unspecified']);
const isDocumentCode = (code: string): code is DocumentCode => (documentCodes as readonly string[]).includes(code);

export function DayReportScreen() {
  const { t, formatDate } = useI18n();
  const api = useApi();
  const session = useSession();
  const { show } = useNavigation();
  const [date, setDate] = useState(() => tokyoIsoDate(Date.now()));
  const [shown, setShown] = useState(date);
  const [report, setReport] = useState<DayReport | null>(null);
  const { errorCode, ask } = useAsk();

  const load = useCallback(
    (day: string) => {
      setReport(null);
      ask(() => api.invoke('report.day', { date: day }), setReport);
    },
    [api, ask],
  );
  useEffect(() => load(shown), [load, shown]);

  const dateValid = isIsoDate(date);
  const refusalText = (reason: string): string => {
    if (knownRefusals.has(reason)) return t(`clerk.report.refusal.${reason as 'unspecified'}`);
    if (isDocumentCode(reason)) return t('clerk.report.refusal.missingDocument', { document: t(`clerk.document.${reason}`) });
    if (reason === 'R-CERT-4') return t('clerk.report.refusal.certificateText');
    return t('clerk.report.refusal.other', { code: reason });
  };
  const outcomesText = (outcomes: DayReport['byProcedure'][number]['outcomes']) =>
    Object.entries(outcomes)
      .filter(([, count]) => count > 0)
      .map(([outcome, count]) => t('clerk.report.outcome', { outcome: t(`clerk.report.outcome.${outcome as 'done'}`), count }))
      .join('、');
  const yen = (n: number) => t('clerk.report.yen', { yen: n.toLocaleString('ja-JP') });
  const clerkName = useClerkName();

  return (
    <ClerkLayout title={t('clerk.report.title', { date: formatDate(shown) })} errorCode={errorCode}>
      <form
        className="clerk-report-date"
        onSubmit={(event) => {
          event.preventDefault();
          if (dateValid) setShown(date);
        }}
      >
        <TextField label={t('clerk.report.date')} value={date} onChange={setDate} inputMode="numeric" maxLength={10} supportText="YYYY-MM-DD" error={dateValid ? null : t('clerk.report.dateInvalid')} />
        <Button type="submit" variant="secondary" disabledReason={dateValid ? undefined : t('clerk.report.dateInvalid')}>
          {t('clerk.report.show')}
        </Button>
      </form>
      {report === null ? (
        errorCode === null && <p role="status">{t('clerk.report.loading')}</p>
      ) : (
        <>
          <section className="print-area" aria-label={t('clerk.report.printArea')}>
            <article className="print-document day-report" aria-labelledby="day-report-title">
              <h2 id="day-report-title" className="print-title">
                {t('clerk.report.title', { date: formatDate(report.date) })}
              </h2>
              {session !== null && <p className="print-issuer">{t('clerk.report.terminal', { terminal: session.terminal.terminalId, municipality: session.terminal.municipalityName })}</p>}
              {!report.counterDay && <p>{t('clerk.report.closedDay')}</p>}
              <p>{t('clerk.report.applications', { count: report.applications })}</p>

              <h3>{t('clerk.report.byProcedure')}</h3>
              <DataTable
                className="print-table"
                rows={report.byProcedure}
                rowKey={(row) => `${row.procedure}-${row.applicantType}`}
                empty={t('clerk.report.noApplications')}
                columns={[
                  { header: t('clerk.report.colProcedure'), cell: (row) => t(`clerk.procedure.${row.procedure}`) },
                  { header: t('clerk.report.colApplicant'), cell: (row) => t(`clerk.applicantType.${row.applicantType}`) },
                  { header: t('clerk.report.colCount'), cell: (row) => row.count },
                  { header: t('clerk.report.colOutcomes'), cell: (row) => outcomesText(row.outcomes) },
                ]}
              />

              <h3>{t('clerk.report.certificates')}</h3>
              <dl className="print-facts">
                <dt>{t('clerk.cert.sign')}</dt>
                <dd>{t('clerk.report.certCount', { count: report.certificatesIssued.sign })}</dd>
                <dt>{t('clerk.cert.auth')}</dt>
                <dd>{t('clerk.report.certCount', { count: report.certificatesIssued.auth })}</dd>
              </dl>

              <h3>{t('clerk.report.refusals')}</h3>
              {report.refusals.length === 0 ? (
                <p>{t('clerk.report.noRefusals')}</p>
              ) : (
                <dl className="print-facts">
                  {report.refusals.map((r) => (
                    <Fragment key={r.reason}>
                      <dt>{refusalText(r.reason)}</dt>
                      <dd>{r.receiptNumbers.length > 0 ? t('clerk.report.refusalReceipts', { count: r.count, numbers: r.receiptNumbers.join('、') }) : t('clerk.report.certCount', { count: r.count })}</dd>
                    </Fragment>
                  ))}
                </dl>
              )}

              <h3>{t('clerk.report.fees')}</h3>
              <DataTable
                className="print-table"
                rows={report.fees.byClerk}
                rowKey={(c) => c.clerkId}
                columns={[
                  { header: t('clerk.report.colClerk'), cell: (c) => clerkName(c.clerkId) },
                  { header: t('clerk.report.colCount'), cell: (c) => c.applications },
                  { header: t('clerk.report.colFeePaying'), cell: (c) => c.feePaying },
                  { header: t('clerk.report.colYen'), cell: (c) => yen(c.yen) },
                ]}
                footer={
                  <tr>
                    <th scope="row" colSpan={3}>
                      {t('clerk.report.total')}
                    </th>
                    <td>
                      <strong data-testid="day-report-total">{yen(report.fees.totalYen)}</strong>
                    </td>
                  </tr>
                }
              />
              <p>{t('clerk.report.feeNote')}</p>

              <OpenAtClose report={report} />
              <ReceiptList report={report} clerkName={clerkName} />
            </article>
          </section>
          {needingClerk(report) > 0 && (
            <Notice tone="warning">
              <p>{t('clerk.report.open.failed', { count: needingClerk(report) })}</p>
            </Notice>
          )}
          <Button onPress={() => window.print()}>{t('clerk.report.print')}</Button>
        </>
      )}
      <Button variant="secondary" onPress={() => show('visit')}>
        {t('clerk.report.back')}
      </Button>
    </ClerkLayout>
  );
}
