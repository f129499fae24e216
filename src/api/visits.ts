/**
 * Finding a past visit (the clerk's search, its detail and reprints): the request schemas and
 * the answers' shapes. Codes only; the renderer owns the words. The application's UUID travels
 * as the handle to open or reprint one, and is never what a person reads: the receipt number is.
 */
import { z } from 'zod';
import type { ApplicationHeadline } from '../domain/application-headline';
import { isIsoDate } from '../domain/local-date';
import type { ApplicationForm } from '../domain/application-form';
import type { CertificateKind, OutboxKind } from '../domain/vocabulary';
import type { VisitStanding } from '../domain/visit-standing';
import type { InquiryLetter, Receipt } from '../issuance/receipt';
import type { PrintDocument, QueuePhase } from './contract';
import type { ErrorCode } from './errors';

/** A search answers at most this many visits (`more` says there were more). */
export const visitSearchLimit = 100;
/** The longest date range a search covers, in days (a year of counter days). */
export const visitSearchMaxDays = 366;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isIsoDate, 'not a calendar date');

/** What the clerk searches by: one receipt number, one card's serial, or days (today when none is given). */
export const visitQuerySchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('receiptNumber'), receiptNumber: z.string().regex(/^\d{8}-\d{3,6}$/) }).strict(),
  z.object({ by: z.literal('cardSerial'), cardSerial: z.string().regex(/^[0-9A-Za-z-]{1,64}$/) }).strict(),
  z
    .object({ by: z.literal('dates'), from: isoDate.optional(), to: isoDate.optional() })
    .strict()
    .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, 'from after to'),
]);
export type VisitQuery = z.output<typeof visitQuerySchema>;
export type VisitQueryKind = VisitQuery['by'];

export interface VisitSummaryView extends ApplicationHeadline {
  /** The handle to open or reprint this visit; never shown. */
  readonly applicationId: string;
  readonly createdAt: number;
  readonly certificateKinds: readonly CertificateKind[];
  readonly clerkId: string;
  readonly standing: VisitStanding;
  /** Error or refusal codes when it failed, was refused or cancelled. */
  readonly reasons: readonly string[];
  /** When the purge removed its personal data (R-RET), or null while the terminal still holds it. */
  readonly personalDataRemovedAt: number | null;
}

export interface VisitSearchResult {
  /** The days searched, for a date search (today filled in by the host); null otherwise. */
  readonly days: { readonly from: string; readonly to: string } | null;
  readonly visits: readonly VisitSummaryView[];
  /** More visits matched than `visitSearchLimit`: narrow the search. */
  readonly more: boolean;
}

export interface VisitRequestView {
  readonly kind: OutboxKind;
  readonly certificateKind: CertificateKind;
  readonly phase: QueuePhase;
  readonly certificateSerial: string | null;
  /** ISO timestamp of the certificate's end, once the CA issued it. */
  readonly notAfter: string | null;
  readonly lastErrorCode: ErrorCode | null;
  readonly doneAt: number | null;
}

/** One line of the visit's history, from the audit log (an action code, who, when). */
export interface VisitEventView {
  readonly at: number;
  readonly actor: string;
  readonly action: string;
}

/**
 * Whether a document can be printed again: `available`, `removed` (what it needs went with the
 * purge; `personalDataRemovedAt` says when), or `none` (this visit never had it).
 */
export type ReprintAvailability = 'available' | 'removed' | 'none';

export interface VisitDetailView extends VisitSummaryView {
  readonly documents: readonly string[];
  readonly feeYen: number;
  readonly cardSerial: string | null;
  /** The applicant's name while the terminal holds it; null once removed (see `personalDataRemovedAt`). */
  readonly applicantName: string | null;
  readonly requests: readonly VisitRequestView[];
  readonly history: readonly VisitEventView[];
  readonly reprints: { readonly [D in PrintDocument]: ReprintAvailability };
}

/** What each printable document is made of. Every document kind has its entry here (checked). */
interface ReprintContents {
  readonly receipt: Receipt;
  readonly 'inquiry-letter': InquiryLetter;
  readonly 'application-form': ApplicationForm;
}
/** Fails to compile when a kind is added to `printDocuments` without its content above. */
type CheckedContents = { readonly [D in PrintDocument]: ReprintContents[D] };

/** A document rebuilt from the store for a reprint: its kind, its content, and the day it is reprinted. */
export type ReprintView = { readonly [D in PrintDocument]: { readonly document: D; readonly content: CheckedContents[D]; readonly reissuedOn: string } }[PrintDocument];
