/**
 * One past visit: what was done, for whom and by which clerk, where it stands, its requests to
 * the CA and its history; and the documents the clerk may print again (marked 再発行). What the
 * purge removed reads as removed, with its date, never as an empty field.
 */
import { useEffect, useState } from 'react';
import type { PrintDocument, ReprintView, VisitDetailView } from '../../../src/api/contract';
import type { ErrorCode } from '../../../src/api/errors';
import { documentCodes, type DocumentCode } from '../../../src/domain/documents';
import { useApi } from '../../api/ApiProvider';
import { Button } from '../../components/Button/Button';
import { DataTable } from '../../components/DataTable/DataTable';
import { Notice } from '../../components/Notice/Notice';
import { Section } from '../../components/Section/Section';
import { useI18n } from '../../i18n/I18nProvider';
import { tokyoIsoDate, tokyoTime } from './clerkTime';
import { ReprintedDocument } from './documents/ReprintedDocument';
import { useClerkName } from './useClerkName';
import { eventText, standingText } from './visitWords';

/** The document kinds, as the host lists them for this visit (one entry per kind). */
const documentKinds = (visit: VisitDetailView): PrintDocument[] => Object.keys(visit.reprints) as PrintDocument[];

const isDocumentCode = (code: string): code is DocumentCode => (documentCodes as readonly string[]).includes(code);

export interface VisitDetailProps {
  readonly visit: VisitDetailView;
  readonly onError: (code: ErrorCode | null) => void;
}

export function VisitDetail({ visit, onError }: VisitDetailProps) {
  const i18n = useI18n();
  const { t, formatDate, errorText } = i18n;
  const api = useApi();
  const clerkName = useClerkName();
  const [printing, setPrinting] = useState<ReprintView | null>(null);
  const [printed, setPrinted] = useState<PrintDocument | null>(null);
  const at = (ms: number) => t('clerk.visits.at', { date: formatDate(tokyoIsoDate(ms)), time: tokyoTime(ms) });
  const removed = visit.personalDataRemovedAt === null ? null : t('clerk.visits.removed', { date: formatDate(tokyoIsoDate(visit.personalDataRemovedAt)) });

  // The document is on the page before it prints (the print stylesheet shows only it); a shell
  // that prints by itself says so, otherwise the browser's print dialog opens.
  useEffect(() => {
    if (printing === null) return undefined;
    let isCurrent = true;
    void api.invoke('print.document', { document: printing.document, applicationId: visit.applicationId, reprint: true }).then((result) => {
      if (!isCurrent) return;
      if (!result.ok) onError(result.error.code);
      else {
        if (result.value.method === 'browser') window.print();
        setPrinted(printing.document);
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [printing, api, visit.applicationId, onError]);

  const reprint = (document: PrintDocument) => {
    onError(null);
    setPrinted(null);
    void api.invoke('visits.reprint', { applicationId: visit.applicationId, document }).then((r) => {
      if (r.ok) setPrinting(r.value);
      else onError(r.error.code);
    });
  };

  return (
    <>
      <Section headingId="visit-facts" title={t('clerk.visits.detailTitle', { number: visit.receiptNumber ?? t('clerk.visits.noNumber') })}>
        <dl className="clerk-facts">
          <dt>{t('clerk.visits.colStanding')}</dt>
          <dd>{standingText(i18n, visit)}</dd>
          <dt>{t('clerk.visits.colAt')}</dt>
          <dd>{at(visit.createdAt)}</dd>
          <dt>{t('clerk.visits.colProcedure')}</dt>
          <dd>{t(`clerk.procedure.${visit.procedure}`)}</dd>
          <dt>{t('clerk.visits.applicantType')}</dt>
          <dd>{t(`clerk.applicantType.${visit.applicantType}`)}</dd>
          <dt>{t('clerk.visits.name')}</dt>
          <dd>{visit.applicantName ?? removed ?? t('clerk.visits.notRecorded')}</dd>
          <dt>{t('clerk.visits.certificates')}</dt>
          <dd>{visit.certificateKinds.length === 0 ? t('clerk.visits.noCertificates') : visit.certificateKinds.map((k) => t(`clerk.cert.${k}`)).join('、')}</dd>
          <dt>{t('clerk.visits.documents')}</dt>
          <dd>{visit.documents.length === 0 ? t('clerk.visits.notRecorded') : visit.documents.map((d) => (isDocumentCode(d) ? t(`clerk.document.${d}`) : d)).join('、')}</dd>
          <dt>{t('clerk.visits.fee')}</dt>
          <dd>{visit.feeYen === 0 ? t('clerk.applicant.feeFree') : t('clerk.applicant.feeYen', { yen: visit.feeYen })}</dd>
          <dt>{t('clerk.visits.cardSerial')}</dt>
          <dd>{visit.cardSerial ?? t('clerk.visits.notRecorded')}</dd>
          <dt>{t('clerk.visits.clerk')}</dt>
          <dd>{clerkName(visit.clerkId)}</dd>
        </dl>
      </Section>

      <Section headingId="visit-reprint" title={t('clerk.visits.reprint')}>
        {printed !== null && (
          <Notice tone="success">
            <p>{t('clerk.visits.reprinted', { document: t(`clerk.visits.doc.${printed}`) })}</p>
          </Notice>
        )}
        {documentKinds(visit)
          .filter((d) => visit.reprints[d] === 'removed')
          .map((d) => (
            <p key={d}>{t('clerk.visits.reprintRemoved', { document: t(`clerk.visits.doc.${d}`) })}</p>
          ))}
        <div className="clerk-buttons">
          {documentKinds(visit)
            .filter((d) => visit.reprints[d] === 'available')
            .map((d) => (
              <Button key={d} variant="secondary" onPress={() => reprint(d)}>
                {t(`clerk.visits.reprint.${d}`)}
              </Button>
            ))}
        </div>
      </Section>

      <Section headingId="visit-requests" title={t('clerk.visits.requests')}>
        <DataTable
          className="clerk-table"
          rows={visit.requests}
          rowKey={(r, index) => `${r.kind}-${r.certificateKind}-${index}`}
          empty={t('clerk.visits.noRequests')}
          columns={[
            { header: t('clerk.visits.colRequest'), cell: (r) => t(`clerk.queueKind.${r.kind}`, { certificate: t(`clerk.cert.${r.certificateKind}`) }) },
            {
              header: t('clerk.visits.colPhase'),
              cell: (r) => (
                <>
                  {t(`clerk.queuePhase.${r.phase}`)}
                  {r.lastErrorCode !== null && r.phase !== 'done' ? `（${errorText(r.lastErrorCode)}）` : ''}
                </>
              ),
            },
            { header: t('clerk.visits.colSerial'), cell: (r) => r.certificateSerial ?? '—' },
          ]}
        />
      </Section>

      <Section headingId="visit-history" title={t('clerk.visits.history')}>
        <DataTable
          className="clerk-table"
          rows={visit.history}
          rowKey={(e, index) => `${e.at}-${index}`}
          columns={[
            { header: t('clerk.visits.colWhen'), cell: (e) => at(e.at) },
            { header: t('clerk.visits.colWho'), cell: (e) => clerkName(e.actor) },
            { header: t('clerk.visits.colWhat'), cell: (e) => eventText(t, e.action) },
          ]}
        />
      </Section>

      {printing !== null && (
        <section className="print-area" aria-label={t('clerk.result.printing')}>
          <ReprintedDocument view={printing} />
        </section>
      )}
    </>
  );
}
