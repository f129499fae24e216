import { isCounterDay, toJstDateTime } from './counter-hours';
import { parseIsoDate, toEpochDay } from './local-date';
import {
  applicantTypes,
  certificateKinds,
  procedures,
  type ApplicantType,
  type ApplicationState,
  type CertificateKind,
  type OutboxKind,
  type OutboxState,
  type Procedure,
} from './vocabulary';

/**
 * The day-end report (日計表): what the counter did on one day in Japan, reconciled from the
 * applications and CA requests themselves — never from a counter kept beside them that could
 * drift. Pure: the caller reads the rows and the clock.
 */

export interface ReportApplication {
  readonly procedure: Procedure;
  readonly applicantType: ApplicantType;
  readonly state: ApplicationState;
  readonly feeYen: number;
  readonly clerkId: string;
  /** Why a rejected application was refused (the refusal codes its audit entry recorded). */
  readonly refusals: readonly string[];
  readonly createdAt: number;
  /** The short number on the resident's receipt; null for rows recorded before it existed. */
  readonly receiptNumber?: string | null;
}

/** A visit refused before the passwords: no application was filed, only its audit entry. */
export interface ReportEarlyRefusal {
  readonly procedure: Procedure;
  readonly applicantType: ApplicantType;
  readonly clerkId: string;
  readonly reasons: readonly string[];
  readonly at: number;
}

export interface ReportRequest {
  readonly kind: OutboxKind;
  readonly certificateKind: CertificateKind;
  readonly state: OutboxState;
  readonly doneAt: number | null;
  /** The receipt number of the application the request belongs to, when it has one. */
  readonly receiptNumber?: string | null;
  /** A request refused for good that a clerk has acknowledged (needs nothing more). */
  readonly acknowledged?: boolean;
}

/** Where an open request stands at the report: the clerk's badge counts only `failed`, not `acknowledged`. */
export type OpenRequestState = 'waiting' | 'failed' | 'acknowledged';

/** One application of the day, named by its receipt number: no name, address or card serial. */
export interface ReportReceipt {
  readonly receiptNumber: string | null;
  readonly procedure: Procedure;
  readonly applicantType: ApplicantType;
  readonly outcome: ReportOutcome;
  readonly clerkId: string;
  /** The fee taken (0 when none was, or it was handed back). */
  readonly feeYen: number;
}

/** Where an application of the day stands at the time of the report. */
export const reportOutcomes = ['done', 'waiting', 'refused', 'cancelled', 'failed', 'open'] as const;
export type ReportOutcome = (typeof reportOutcomes)[number];

const outcomeOf: Readonly<Record<ApplicationState, ReportOutcome>> = {
  draft: 'open',
  awaiting_reply: 'waiting',
  card_prepared: 'waiting',
  queued: 'waiting',
  issued: 'waiting',
  written: 'done',
  completed: 'done',
  rejected: 'refused',
  cancelled: 'cancelled',
  failed: 'failed',
};

/**
 * R-DOC-3: the fee is taken once the card work has been done for the resident; a visit refused,
 * cancelled or failed before that hands the fee back, so it is not in the cash to hand over.
 */
const feeTaken: ReadonlySet<ApplicationState> = new Set<ApplicationState>(['card_prepared', 'queued', 'issued', 'written', 'completed']);

export interface DayReport {
  readonly date: string;
  /** R-HOURS-2: whether the date is a counter day (a report of a closed day is still possible). */
  readonly counterDay: boolean;
  readonly applications: number;
  readonly byProcedure: readonly { readonly procedure: Procedure; readonly applicantType: ApplicantType; readonly count: number; readonly outcomes: Readonly<Record<ReportOutcome, number>> }[];
  /** Certificates the CA delivered to this terminal on the day (pick-ups of earlier visits included). */
  readonly certificatesIssued: Readonly<Record<CertificateKind, number>>;
  /**
   * Refusal codes with how many refused visits gave each; a visit refused for two reasons counts in
   * both. `receiptNumbers` names the refused applications; a visit refused before the passwords
   * filed none, so it is counted without a number.
   */
  readonly refusals: readonly { readonly reason: string; readonly count: number; readonly receiptNumbers: readonly string[] }[];
  readonly fees: {
    readonly totalYen: number;
    readonly feePaying: number;
    readonly byClerk: readonly { readonly clerkId: string; readonly applications: number; readonly feePaying: number; readonly yen: number }[];
  };
  /**
   * The CA requests not delivered at the time of the report, whatever day they were made.
   * `failedForGood` counts every request refused for good; `acknowledged` says how many of them a
   * clerk has already dealt with (the queue badge counts the rest). `requests` lists them by the
   * receipt number of their application.
   */
  readonly openAtClose: {
    readonly waiting: number;
    readonly failedForGood: number;
    readonly acknowledged: number;
    readonly requests: readonly { readonly receiptNumber: string | null; readonly kind: OutboxKind; readonly certificateKind: CertificateKind; readonly state: OpenRequestState }[];
  };
  /** The day's applications in the order they were received, by receipt number (null: refused before the passwords, or recorded before numbers existed). */
  readonly receipts: readonly ReportReceipt[];
}

const dayOf = (epochMs: number): string => toJstDateTime(epochMs).date;

/** The instants [from, before) of one Japanese calendar day, for reading only its rows. */
export function jstDayBounds(isoDate: string): { readonly from: number; readonly before: number } {
  const from = toEpochDay(parseIsoDate(isoDate)) * 86_400_000 - 9 * 3_600_000;
  return { from, before: from + 86_400_000 };
}

const emptyOutcomes = (): Record<ReportOutcome, number> => Object.fromEntries(reportOutcomes.map((o) => [o, 0])) as Record<ReportOutcome, number>;

export function buildDayReport(isoDate: string, applications: readonly ReportApplication[], requests: readonly ReportRequest[], earlyRefusals: readonly ReportEarlyRefusal[] = []): DayReport {
  parseIsoDate(isoDate);
  // A visit refused before the passwords counts as a refused visit of its procedure, with no fee.
  const early: ReportApplication[] = earlyRefusals.map((r) => ({ procedure: r.procedure, applicantType: r.applicantType, state: 'rejected', feeYen: 0, clerkId: r.clerkId, refusals: r.reasons, createdAt: r.at }));
  const ofDay = [...applications, ...early].filter((a) => dayOf(a.createdAt) === isoDate).sort((a, b) => a.createdAt - b.createdAt);

  const byProcedure = procedures.flatMap((procedure) =>
    applicantTypes.flatMap((applicantType) => {
      const rows = ofDay.filter((a) => a.procedure === procedure && a.applicantType === applicantType);
      if (rows.length === 0) return [];
      const outcomes = emptyOutcomes();
      for (const row of rows) outcomes[outcomeOf[row.state]] += 1;
      return [{ procedure, applicantType, count: rows.length, outcomes }];
    }),
  );

  const certificatesIssued = Object.fromEntries(
    certificateKinds.map((kind) => [kind, requests.filter((r) => r.kind === 'enroll' && r.certificateKind === kind && r.state === 'done' && r.doneAt !== null && dayOf(r.doneAt) === isoDate).length]),
  ) as Record<CertificateKind, number>;

  const refusalCounts = new Map<string, number>();
  // One refused visit may break several rules: each reason is counted, and none is left out.
  const refusalReceipts = new Map<string, string[]>();
  for (const row of ofDay.filter((a) => a.state === 'rejected')) {
    for (const reason of row.refusals.length > 0 ? new Set(row.refusals) : ['unspecified']) {
      refusalCounts.set(reason, (refusalCounts.get(reason) ?? 0) + 1);
      if (row.receiptNumber != null) refusalReceipts.set(reason, [...(refusalReceipts.get(reason) ?? []), row.receiptNumber]);
    }
  }
  const refusals = [...refusalCounts]
    .map(([reason, count]) => ({ reason, count, receiptNumbers: refusalReceipts.get(reason) ?? [] }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));

  const clerks = [...new Set(ofDay.map((a) => a.clerkId))].sort();
  const byClerk = clerks.map((clerkId) => {
    const rows = ofDay.filter((a) => a.clerkId === clerkId);
    const paying = rows.filter((a) => feeTaken.has(a.state) && a.feeYen > 0);
    return { clerkId, applications: rows.length, feePaying: paying.length, yen: paying.reduce((sum, a) => sum + a.feeYen, 0) };
  });

  return {
    date: isoDate,
    counterDay: isCounterDay(isoDate),
    applications: ofDay.length,
    byProcedure,
    certificatesIssued,
    refusals,
    fees: { totalYen: byClerk.reduce((sum, c) => sum + c.yen, 0), feePaying: byClerk.reduce((sum, c) => sum + c.feePaying, 0), byClerk },
    openAtClose: openAtCloseOf(requests),
    // A visit refused before the passwords is listed too, without a number: the list matches the count.
    receipts: ofDay.map((a) => ({ receiptNumber: a.receiptNumber ?? null, procedure: a.procedure, applicantType: a.applicantType, outcome: outcomeOf[a.state], clerkId: a.clerkId, feeYen: feeTaken.has(a.state) ? a.feeYen : 0 })),
  };
}

function openStateOf(request: ReportRequest): OpenRequestState | null {
  if (request.state === 'pending' || request.state === 'sending' || request.state === 'failed_retryable') return 'waiting';
  if (request.state === 'failed_permanent') return request.acknowledged === true ? 'acknowledged' : 'failed';
  return null;
}

function openAtCloseOf(requests: readonly ReportRequest[]): DayReport['openAtClose'] {
  const open = requests.flatMap((r) => {
    const state = openStateOf(r);
    return state === null ? [] : [{ receiptNumber: r.receiptNumber ?? null, kind: r.kind, certificateKind: r.certificateKind, state }];
  });
  const count = (...states: OpenRequestState[]) => open.filter((r) => states.includes(r.state)).length;
  return { waiting: count('waiting'), failedForGood: count('failed', 'acknowledged'), acknowledged: count('acknowledged'), requests: open };
}
