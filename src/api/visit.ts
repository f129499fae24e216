/**
 * The visit at the counter as a state machine (docs/design.md §3): a discriminated union keyed by
 * `step`, each step holding what it needs, and one exhaustive pure reducer. The host holds the
 * authoritative state (with the card session and the secrets, which never enter this state);
 * the renderer renders the state it is sent and sends commands.
 *
 * Passwords and the card-info PIN never appear here: they travel on their own channels straight
 * to the host, which keeps them outside the state and wipes them when the card command returns.
 */
import { z } from 'zod';
import { representativeNameMax } from '../domain/application-form';
import { documentCodes, type DocumentCode } from '../domain/documents';
import type { RefusalCode, WarningCode } from '../domain/eligibility';
import { applicantTypes, certificateKinds, procedures, sexCodes, type ApplicantType, type ApplicationState, type BasicInfo, type CardType, type CertificateKind, type Procedure } from '../domain/vocabulary';
import type { Receipt } from '../issuance/receipt';
import type { ProcedureStep } from '../issuance/steps';
import { revocationReasonNames } from '../pki/crl';
import type { ApiError } from './errors';
import { sharedFlowCommandSchemas, type CardReaderEvent, type FlowClock, type IdleTimeoutEvent } from './flow-events';

export interface ClerkRef {
  readonly id: string;
  readonly name: string;
}

export interface PinTries {
  readonly triesLeft: number;
  readonly maxTries: number;
  readonly isBlocked: boolean;
}

export type CardCertificateView =
  | { readonly state: 'present'; readonly serial: string; /** Last valid day, ISO date (JST). */ readonly expiry: string; readonly isExpired: boolean }
  | { readonly state: 'absent' }
  /** A signing certificate the card shows only after its password (docs/jpki-card.md). */
  | { readonly state: 'pinRequired' };

/** What the clerk must notice about the card before choosing a procedure. */
export const cardWarningCodes = [
  'juki-card',
  'other-municipality',
  'card-expired',
  'sign-locked',
  'auth-locked',
  'card-info-locked',
  'certificates-waiting',
  'proxy-awaiting-reply',
] as const;
export type CardWarning = (typeof cardWarningCodes)[number];

export interface AwaitingReply {
  readonly applicationId: string;
  readonly procedure: Procedure;
  readonly certificates: readonly CertificateKind[];
  /** Epoch ms of the first visit. */
  readonly filedAt: number;
}

/**
 * A certificate the CA holds for this card, as the card screen says it: `waitingForPickUp` was
 * issued for the key now on the card but is not on it yet (pick-up, R-PROC-3); `onCard` is in
 * force and on the card; `notOnCard` is in force for a key the card no longer holds.
 */
export interface CaCertificateView {
  readonly kind: CertificateKind;
  readonly serial: string;
  readonly status: 'waitingForPickUp' | 'onCard' | 'notOnCard' | 'revoked' | 'expired';
  /** Last valid day, ISO date (JST). */
  readonly expiry: string;
}

/** What the CA holds for the card, asked when the card is read; `unknown` when it could not be asked (offline). */
export type CardAtCa = { readonly state: 'unknown' } | { readonly state: 'known'; readonly certificates: readonly CaCertificateView[] };

export interface CardSummary {
  readonly reader: string;
  readonly cardType: CardType;
  readonly serial: string;
  readonly municipalityCode: string;
  /** Last valid day of the card, ISO date. */
  readonly cardExpiry: string;
  readonly pins: { readonly sign: PinTries; readonly auth: PinTries; readonly cardInfo: PinTries | null };
  readonly certificates: { readonly sign: CardCertificateView; readonly auth: CardCertificateView };
  readonly warnings: readonly CardWarning[];
  /** Voluntary-proxy applications filed for this card and awaiting the reply (R-PROC-5). */
  readonly awaitingReply: readonly AwaitingReply[];
  /** What the CA holds for this card serial; absent where no CA is configured. */
  readonly atCa?: CardAtCa;
}

export interface ApplicantDetails {
  readonly applicantType: ApplicantType;
  readonly documents: readonly DocumentCode[];
  readonly adultWard: boolean;
  readonly domicileInCity: boolean;
  /** The card was re-issued after a loss or similar (R-DOC-3 fee). */
  readonly reissuedCard: boolean;
}

export type RevocationReason = (typeof revocationReasonNames)[number];

/** What a finished procedure leaves: one receipt per application (pick-up may finish several). */
export interface ProcedureOutcome {
  readonly procedure: Procedure;
  readonly applications: readonly { readonly applicationId: string; readonly state: ApplicationState }[];
  readonly receipts: readonly Receipt[];
}

/** Why the visit is back at an earlier step; the screen says it once. */
export const visitNotices = ['cardRemoved', 'applicantTimedOut', 'clerkTimedOut', 'cancelled', 'signedOut'] as const;
export type VisitNotice = (typeof visitNotices)[number];

export interface WithClerk {
  readonly clerk: ClerkRef;
}
export interface WithCard extends WithClerk {
  /** null for the procedures that may run without the card (revocation, a proxy's first visit). */
  readonly card: CardSummary | null;
}
export interface WithIdentity extends WithCard {
  /** The basic 4 information, from the card-info AP or typed by the clerk; null when not read. */
  readonly basicInfo: BasicInfo | null;
}
export interface WithProcedure extends WithIdentity {
  readonly procedure: Procedure;
  /** A voluntary proxy's second visit continues the application filed on the first. */
  readonly continuesApplicationId: string | null;
}
export interface WithApplicant extends WithProcedure {
  readonly applicant: ApplicantDetails;
}
export interface WithCertificates extends WithApplicant {
  readonly certificates: readonly CertificateKind[];
  readonly revocationReason: RevocationReason | null;
  /**
   * The number on the visit's application form (`YYYYMMDD-NNN`), which its application keeps: a
   * proxy's second visit has the first visit's. Null for pick-up (no form) and an older application.
   */
  readonly receiptNumber: string | null;
  /**
   * A legal representative's or voluntary proxy's name as the clerk typed it from their ID, for
   * the form (the card holds only the holder's). Kept for the visit, not filed with the application.
   */
  readonly representativeName?: string;
}
interface ApplicantFacing {
  /** Epoch ms when the applicant's turn ends unless extended; the screen warns before it. */
  readonly deadlineAt: number;
}

export type VisitState =
  | { readonly step: 'signedOut'; readonly notice: VisitNotice | null }
  | ({
      readonly step: 'awaitingCard';
      readonly notice: VisitNotice | null;
      /** The card last placed could not be read; said until the next card is placed. */
      readonly readError: ApiError | null;
    } & WithClerk)
  | ({ readonly step: 'readingCard'; readonly reader: string } & WithClerk)
  | ({ readonly step: 'cardPresent'; readonly card: CardSummary; readonly notice: VisitNotice | null; readonly readError: ApiError | null } & WithClerk)
  | ({
      readonly step: 'cardInfoPin';
      readonly card: CardSummary;
      /** The card refused the last entry. */
      readonly lastAttemptFailed: boolean;
    } & WithClerk &
      ApplicantFacing)
  | ({ readonly step: 'identity'; readonly source: 'card' | 'clerk' } & WithIdentity)
  | ({ readonly step: 'procedure' } & WithIdentity)
  | ({
      readonly step: 'applicant';
      /** What the clerk chose before going back from the next step: the screen shows it again. */
      readonly chosen?: ApplicantDetails;
    } & WithProcedure)
  | ({
      readonly step: 'certificates';
      /** A number already reserved for this visit's form (the clerk came back): the form keeps it. */
      readonly reservedReceiptNumber?: string | null;
    } & WithApplicant)
  /**
   * The application form printed from the card (書かない窓口): the clerk prints it, the resident
   * (and their representative) sign it, and the clerk ticks that the signed form was received.
   * The procedure does not start before that tick.
   */
  | ({ readonly step: 'applicationForm'; readonly formSigned: boolean } & WithCertificates)
  /**
   * The CA cannot be reached and the card is about to make new keys: the clerk and the resident
   * read what that means (the current certificates stop working now; the new ones come at a
   * later pick-up) and choose to go on or to come back another day.
   */
  | ({ readonly step: 'offlineNotice' } & WithCertificates)
  | ({
      readonly step: 'passwords';
      /** The clerk and the resident chose to go on knowing the CA could not be reached. */
      readonly offlineAccepted: boolean;
      /** A password change: the card refused the last current password (its tries left are in `card`). */
      readonly currentRefused?: boolean;
    } & WithCertificates &
      ApplicantFacing)
  | ({ readonly step: 'working'; readonly progress: readonly ProcedureStep[]; readonly cardRemoved: boolean } & WithCertificates)
  | ({ readonly step: 'done'; readonly outcome: ProcedureOutcome } & WithCard)
  | ({ readonly step: 'refused'; readonly procedure: Procedure; readonly certificates: readonly CertificateKind[]; readonly reasons: readonly (RefusalCode | string)[] } & WithCard)
  | ({ readonly step: 'failed'; readonly procedure: Procedure; readonly error: ApiError } & WithCard);

export type VisitStep = VisitState['step'];

/** Steps where the screen faces the applicant (large keypad, plain Japanese, idle warning). */
export const applicantSteps = ['cardInfoPin', 'passwords'] as const satisfies readonly VisitStep[];

export function isApplicantStep(state: VisitState): state is Extract<VisitState, { step: (typeof applicantSteps)[number] }> {
  return state.step === 'cardInfoPin' || state.step === 'passwords';
}

/** Procedures that need the basic 4 information (it goes into the signing certificate, R-CERT-3). */
export function needsBasicInfo(procedure: Procedure): boolean {
  return procedure === 'issue' || procedure === 'renew';
}

/** Procedures that set passwords on the card. A proxy's first visit sets none (R-PROC-5). */
export function needsPasswords(procedure: Procedure, applicantType: ApplicantType, continuesApplicationId: string | null): boolean {
  if (procedure === 'resetPin' || procedure === 'changePin') return true;
  if (procedure !== 'issue' && procedure !== 'renew') return false;
  return !(applicantType === 'proxy' && continuesApplicationId === null);
}

/** Procedures whose card makes new keys, so that the certificates on it stop working at once. */
export function makesNewKeys(procedure: Procedure): boolean {
  return procedure === 'issue' || procedure === 'renew';
}

/** The card may be absent only for a revocation (the card may be lost) and a proxy's first visit. */
export function mayRunWithoutCard(procedure: Procedure): boolean {
  return procedure === 'revoke' || procedure === 'issue' || procedure === 'renew';
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const basicInfoInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    address: z.string().trim().min(1).max(400),
    birthDate: isoDate,
    sex: z.enum(sexCodes),
  })
  .strict();

export const applicantDetailsSchema = z
  .object({
    applicantType: z.enum(applicantTypes),
    documents: z.array(z.enum(documentCodes)).max(documentCodes.length),
    adultWard: z.boolean(),
    domicileInCity: z.boolean(),
    reissuedCard: z.boolean(),
  })
  .strict();

/** What the renderer may ask of the visit. Validated at every shell's edge. */
export const visitCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('readCardInfo') }).strict(),
  z.object({ type: z.literal('typeFactsInstead') }).strict(),
  z.object({ type: z.literal('startWithoutCard') }).strict(),
  z.object({ type: z.literal('confirmIdentity'), basicInfo: basicInfoInputSchema }).strict(),
  z.object({ type: z.literal('chooseProcedure'), procedure: z.enum(procedures), continuesApplicationId: z.uuid().optional() }).strict(),
  z.object({ type: z.literal('setApplicant'), applicant: applicantDetailsSchema }).strict(),
  z
    .object({
      type: z.literal('chooseCertificates'),
      certificates: z.array(z.enum(certificateKinds)).min(1).max(2),
      revocationReason: z.enum(revocationReasonNames).optional(),
    })
    .strict(),
  z.object({ type: z.literal('setFormSigned'), signed: z.boolean() }).strict(),
  z
    .object({
      type: z.literal('setRepresentativeName'),
      name: z.string().max(representativeNameMax).regex(/^[^\p{Cc}]*$/u, 'no control characters'),
    })
    .strict(),
  z.object({ type: z.literal('startProcedure') }).strict(),
  z.object({ type: z.literal('goOnOffline') }).strict(),
  ...sharedFlowCommandSchemas,
]);
export type VisitCommand = z.infer<typeof visitCommandSchema>;

/** What the host itself reports into the visit (card events, card and CA results, timers). */
export type HostEvent =
  | { readonly type: 'clerkSignedIn'; readonly clerk: ClerkRef }
  | { readonly type: 'clerkSignedOut'; readonly reason: 'signOut' | 'idle' }
  | CardReaderEvent<CardSummary>
  | { readonly type: 'cardInfoRead'; readonly basicInfo: BasicInfo; readonly card: CardSummary }
  | { readonly type: 'cardInfoRefused'; readonly card: CardSummary }
  | { readonly type: 'passwordsAccepted' }
  | { readonly type: 'progress'; readonly step: ProcedureStep }
  | { readonly type: 'procedureDone'; readonly outcome: ProcedureOutcome }
  | { readonly type: 'procedureRefused'; readonly reasons: readonly string[] }
  | { readonly type: 'procedureFailed'; readonly error: ApiError }
  /** A password change: the card refused the current password; `card` holds the new counters. */
  | { readonly type: 'currentPasswordRefused'; readonly card: CardSummary }
  /** The applicant's deadline passed (applicant steps) or the clerk was idle (every other step). */
  | IdleTimeoutEvent;

export type VisitEvent = VisitCommand | HostEvent;

export interface ReduceEnv extends FlowClock {
  /** How long the applicant's turn lasts without a key press. */
  readonly applicantIdleMs: number;
  /** The CA answered the terminal's last contact (reachable, and not refusing this terminal). */
  readonly caAnswering: boolean;
  /** This terminal's municipality (R-ELIG-1, R-ELIG-5). */
  readonly municipalityCode: string;
  /**
   * The receipt number for a visit's application form, asked only when the visit reaches the
   * form: the host reserves a new one in the store, or gives the continued application's own.
   */
  readonly receiptNumberFor: (continuesApplicationId: string | null) => string | null;
}

export const initialVisitState: VisitState = { step: 'signedOut', notice: null };

/** Everything a renderer may see of a state; the state holds nothing secret, so this is the state. */
export type VisitView = VisitState;

export type { WarningCode };
