/**
 * The clerk's search of past visits, a visit's detail, and the documents rebuilt for a reprint
 * (receipt, proxy's letter). Every search, every opened visit and every reprint is audited with
 * the clerk and the query kind; a searched card serial is not written to the log (the search
 * may be a mistyped number of someone else's card), only how many visits it found.
 */
import { z } from 'zod';
import type { PrintDocument, QueueRowView } from '../api/contract';
import { hostError } from '../api/errors';
import { visitSearchLimit, visitSearchMaxDays, type ReprintAvailability, type ReprintView, type VisitDetailView, type VisitQuery, type VisitSearchResult, type VisitSummaryView } from '../api/visits';
import { buildApplicationForm, formKindOf, formSourceOfApplication, type ApplicationForm } from '../domain/application-form';
import { nextCounterDay, toJstDateTime } from '../domain/counter-hours';
import { jstDayBounds } from '../domain/day-report';
import { eraDate } from '../domain/era-date';
import { parseIsoDate, toEpochDay } from '../domain/local-date';
import { standingOf } from '../domain/visit-standing';
import { jstDate, type IssuanceContext } from '../issuance/context';
import { resultFor } from '../issuance/issue';
import type { InquiryLetter, Receipt } from '../issuance/receipt';
import type { ApplicationQuery, ApplicationRecord } from '../store/applications-repo';
import type { AuditDetails } from '../store/audit-log';
import type { OutboxRecord } from '../store/outbox-repo';
import type { Store } from '../store/unit-of-work';

const refusalDetails = z.object({ refusals: z.array(z.string().max(64)).max(20) });

/** How the queue dashboard sees a CA request (shared, so both say the same). */
export type RequestView = (row: OutboxRecord) => QueueRowView;

function refusalsOf(store: Store, applicationId: string): string[] {
  const entry = store.audit.list({ subject: applicationId }).rows.find((e) => e.action === 'application.rejected');
  const parsed = refusalDetails.safeParse(entry?.details);
  return parsed.success ? parsed.data.refusals : [];
}

function summaryOf(store: Store, application: ApplicationRecord, requests: readonly OutboxRecord[]): VisitSummaryView {
  const { standing, reasons } = standingOf({
    state: application.state,
    errorCode: application.errorCode,
    requests,
    refusals: application.state === 'rejected' ? refusalsOf(store, application.id) : [],
  });
  return {
    applicationId: application.id,
    receiptNumber: application.receiptNumber,
    createdAt: application.createdAt,
    procedure: application.procedure,
    applicantType: application.applicantType,
    certificateKinds: application.certificateKinds,
    clerkId: application.clerkId,
    standing,
    reasons,
    personalDataRemovedAt: application.personalDataPurgedAt,
  };
}

/** The days of a date search: today (in Japan) when none is given; a bounded range. */
function daysOf(query: Extract<VisitQuery, { by: 'dates' }>, now: number): { from: string; to: string } {
  const today = toJstDateTime(now).date;
  const from = query.from ?? query.to ?? today;
  const to = query.to ?? (query.from === undefined ? today : from);
  if (toEpochDay(parseIsoDate(to)) - toEpochDay(parseIsoDate(from)) >= visitSearchMaxDays) throw hostError('API_BAD_REQUEST', `a search covers at most ${visitSearchMaxDays} days`);
  return { from, to };
}

export function searchVisits(store: Store, query: VisitQuery, clerkId: string, now: number = Date.now()): VisitSearchResult {
  const days = query.by === 'dates' ? daysOf(query, now) : null;
  const repoQuery: ApplicationQuery =
    query.by === 'receiptNumber'
      ? { receiptNumber: query.receiptNumber }
      : query.by === 'cardSerial'
        ? { cardSerial: query.cardSerial }
        : { createdFrom: jstDayBounds(days?.from ?? '').from, createdBefore: jstDayBounds(days?.to ?? '').before };
  const { rows, more } = store.applications.search(repoQuery, visitSearchLimit);
  const visits = rows.map((a) => summaryOf(store, a, store.outbox.list({ applicationId: a.id }).rows));
  // The receipt number and the days name no one; a card serial is left out on purpose.
  const details: AuditDetails = { by: query.by, ...(query.by === 'receiptNumber' ? { receiptNumber: query.receiptNumber } : {}), ...(days ?? {}), found: visits.length, more };
  store.audit.append({ actor: clerkId, action: 'visits.searched', details });
  return { days, visits, more };
}

function availability(application: ApplicationRecord): { readonly [D in PrintDocument]: ReprintAvailability } {
  return {
    receipt: 'available',
    // The letter is mailed to the registered address: without it (purged) it cannot be made again.
    'inquiry-letter': application.applicantType !== 'proxy' ? 'none' : application.basicInfo === null ? 'removed' : 'available',
    // A form printed without the basic 4 (not read) still prints; one whose facts were purged does not.
    'application-form': formKindOf(application.procedure) === null ? 'none' : application.personalDataPurgedAt !== null ? 'removed' : 'available',
  };
}

export function visitDetail(store: Store, applicationId: string, clerkId: string, requestView: RequestView): VisitDetailView {
  const application = store.applications.get(applicationId);
  const requests = store.outbox.list({ applicationId }).rows;
  const subjects = [applicationId, ...requests.map((r) => r.id)];
  const history = subjects
    .flatMap((subject) => store.audit.list({ subject }).rows)
    .sort((a, b) => a.seq - b.seq)
    .map((e) => ({ at: e.at, actor: e.actor, action: e.action }));
  store.audit.append({ actor: clerkId, action: 'visits.opened', subject: applicationId });
  return {
    ...summaryOf(store, application, requests),
    documents: application.documents,
    feeYen: application.feeYen,
    cardSerial: application.cardSerial,
    applicantName: application.basicInfo?.name ?? null,
    requests: requests.map((row) => {
      const view = requestView(row);
      return { kind: view.kind, certificateKind: view.certificateKind, phase: view.phase, certificateSerial: view.certificateSerial, notAfter: row.notAfter, lastErrorCode: view.lastErrorCode, doneAt: row.doneAt };
    }),
    history,
    reprints: availability(application),
  };
}

/** Only `resultFor`'s store reads are used: no card, issuer or CA takes part in a reprint. */
function storeOnlyContext(store: Store, terminalId: string, municipalityCode: string): IssuanceContext {
  return {
    store,
    issuer: { sign: () => Promise.reject(hostError('INTERNAL', 'reprints do not sign')) },
    terminalId,
    municipalityCode,
    now: () => new Date(),
    deliverNow: () => Promise.resolve(),
    ca: undefined,
  };
}

interface ReprintSource {
  readonly store: Store;
  readonly application: ApplicationRecord;
  readonly terminalId: string;
  readonly municipalityCode: string;
}

/** The receipt as it reads now, dated the day of the visit (not of the reprint). */
function receiptAgain({ store, application, terminalId, municipalityCode }: ReprintSource): Receipt {
  const visitDay = toJstDateTime(application.createdAt).date;
  const receipt = resultFor(storeOnlyContext(store, terminalId, municipalityCode), application.id, visitDay).receipt;
  return application.state === 'awaiting_reply' ? { ...receipt, nextStep: 'awaitInquiryLetter', certificates: receipt.certificates.map((c) => ({ ...c, status: 'requested' })) } : receipt;
}

/** The proxy's letter as first printed: the addressee from the application, dated from the visit's day. */
function letterAgain({ application }: ReprintSource): InquiryLetter {
  const available = availability(application)['inquiry-letter'];
  if (available === 'none') throw hostError('VISIT_DOCUMENT_NONE', 'only a voluntary proxy’s visit has a letter', { reasons: ['inquiry-letter'] });
  if (application.basicInfo === null) throw hostError('VISIT_DOCUMENT_REMOVED', 'the addressee was removed with the personal data', { reasons: ['inquiry-letter'] });
  return {
    applicationId: application.id,
    receiptNumber: application.receiptNumber,
    addresseeName: application.basicInfo.name,
    addresseeAddress: application.basicInfo.address,
    dated: eraDate(nextCounterDay(toJstDateTime(application.createdAt).date, { includeToday: true })),
    certificates: application.certificateKinds,
  };
}

/** The application form as printed at the visit: its facts, fee and day from the store. */
function formAgain({ application }: ReprintSource): ApplicationForm {
  const available = availability(application)['application-form'];
  if (available === 'none') throw hostError('VISIT_DOCUMENT_NONE', 'a pick-up has no application form', { reasons: ['application-form'] });
  if (available === 'removed') throw hostError('VISIT_DOCUMENT_REMOVED', 'the form’s facts were removed with the personal data', { reasons: ['application-form'] });
  return buildApplicationForm(formSourceOfApplication(application));
}

/** Each printable document's builder: a new kind of document adds its builder here. */
const rebuild: { readonly [D in PrintDocument]: (source: ReprintSource) => Extract<ReprintView, { document: D }>['content'] } = {
  receipt: receiptAgain,
  'inquiry-letter': letterAgain,
  'application-form': formAgain,
};

function reprintOf<D extends PrintDocument>(document: D, source: ReprintSource, reissuedOn: string): ReprintView {
  return { document, content: rebuild[document](source), reissuedOn } as ReprintView;
}

export function reprintDocument(store: Store, terminal: { terminalId: string; municipalityCode: string }, request: { applicationId: string; document: PrintDocument }, clerkId: string): ReprintView {
  const application = store.applications.get(request.applicationId);
  const view = reprintOf(request.document, { store, application, ...terminal }, jstDate(new Date()));
  store.audit.append({ actor: clerkId, action: 'document.reprinted', subject: application.id, details: { document: request.document } });
  return view;
}
