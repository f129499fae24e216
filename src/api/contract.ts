/**
 * The one contract between the renderer and the host (docs/design.md §2, §3): every channel with
 * the zod schema of its request and the type of its answer, and every event stream. Electron's
 * IPC, the browser shell's HTTP and the fake used by component tests all implement this file.
 */
import { z } from 'zod';
import type { DayReport } from '../domain/day-report';
import { isIsoDate } from '../domain/local-date';
import { outboxStates, type CertificateKind, type OutboxState } from '../domain/vocabulary';
import type { Receipt } from '../issuance/receipt';
import type { SyncStatus } from '../sync/sync-types';
import type { ErrorCode, Result } from './errors';
import { selfServiceCommandSchema, type SelfServiceState } from './self-service';
import { visitCommandSchema, type ClerkRef, type VisitState } from './visit';
import { visitQuerySchema, type ReprintView, type VisitDetailView, type VisitSearchResult } from './visits';

/**
 * A secret typed on a keypad, as bytes (docs/design.md §7): never a string, nor JSON, on its way to
 * the card. Each shell zeroes its copy once the request is answered (src/api/secret-frame.ts).
 */
export function secretBytesSchema(maxLength: number) {
  return z.custom<Uint8Array>((value) => value instanceof Uint8Array && value.length >= 1 && value.length <= maxLength, { message: `1 to ${maxLength} bytes` });
}

const empty = z.object({}).strict();

/** A counter terminal (clerk, issuer key, procedures) or an unattended self-service one. */
export const terminalModes = ['counter', 'selfService'] as const;
export type TerminalMode = (typeof terminalModes)[number];

export interface TerminalInfo {
  readonly terminalId: string;
  readonly mode: TerminalMode;
  readonly municipalityCode: string;
  readonly municipalityName: string;
  readonly training: boolean;
}

export interface Timeouts {
  /** The applicant's turn ends after this long without a key press. */
  readonly applicantIdleMs: number;
  /** The warning with 「延長する」 shows this long before the end (≥ 20 s, WCAG 2.2.1). */
  readonly applicantWarningMs: number;
  /** A signed-in clerk with no activity for this long is signed out. */
  readonly clerkIdleMs: number;
}

export interface SessionInfo {
  readonly terminal: TerminalInfo;
  /** Who may sign in here (ids and display names only). */
  readonly clerks: readonly ClerkRef[];
  readonly clerk: ClerkRef | null;
  readonly timeouts: Timeouts;
}

export interface ReaderInfo {
  readonly name: string;
  readonly hasCard: boolean;
}

/**
 * The sync engine's state for the queue badge and dashboard (no words: codes only): the engine's
 * own status, with its codes narrowed to the ones the renderer has words for and no row ids.
 */
export type SyncStatusView = Omit<SyncStatus, 'lastError' | 'terminalError'> & {
  /** Certificates the CA issued that still wait for their card (a pick-up visit); absent where the host does not count them. */
  readonly pickUpsWaiting?: number;
  readonly lastError: { readonly code: ErrorCode; readonly at: number } | null;
  /** The CA refuses this terminal (401/403, TLS, trust, configuration): nothing is sent until it is fixed. */
  readonly terminalError: { readonly code: ErrorCode; readonly at: number } | null;
};

/**
 * Where a request stands, for the words the clerk reads: `waiting` for the CA to be reachable
 * again, `retrying` after an answer that may change, `failed` for good (a clerk decides),
 * `acknowledged` by a clerk, `sending` now, `done`.
 */
export const queuePhases = ['waiting', 'retrying', 'failed', 'acknowledged', 'sending', 'done'] as const;
export type QueuePhase = (typeof queuePhases)[number];

export interface QueueRowView {
  readonly id: string;
  readonly applicationId: string;
  /** What the clerk reads for the application (`YYYYMMDD-NNN`); null for one older than receipt numbers. */
  readonly receiptNumber: string | null;
  readonly certificateKind: CertificateKind;
  /** A certificate request, or a revocation owed to the CA. */
  readonly kind: 'enroll' | 'revoke';
  readonly state: OutboxState;
  readonly phase: QueuePhase;
  readonly acknowledgedAt: number | null;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastErrorCode: ErrorCode | null;
  readonly createdAt: number;
  readonly certificateSerial: string | null;
}

export interface TrainingResidentView {
  readonly id: string;
  /** Fictional training data, shown on the training side panel only. */
  readonly name: string;
  /** What this resident's card exercises (rule ids and situation codes). */
  readonly tags: readonly string[];
}

export interface TrainingSlotView {
  readonly slot: number;
  readonly reader: string;
  readonly residentId: string | null;
}

export interface TrainingView {
  readonly residents: readonly TrainingResidentView[];
  readonly slots: readonly TrainingSlotView[];
}

/** The training CA as the training panel shows it: reachable, or in a rehearsed outage. */
export interface TrainingCaView {
  readonly isReachable: boolean;
}

/** The documents a clerk prints on A4 (the receipt, a voluntary proxy's inquiry-and-reply letter, the application form). */
export const printDocuments = ['receipt', 'inquiry-letter', 'application-form'] as const;

/**
 * What a printed document is filed under: its application's id, or — for the application form,
 * printed before its application exists — the receipt number the form carries.
 */
export const printKeySchema = z.union([z.uuid(), z.string().regex(/^\d{8}-\d{3,}$/)]);
export type PrintDocument = (typeof printDocuments)[number];

/**
 * How a document was printed. `host`: the shell printed the page itself (Electron, A4) and kept
 * a PDF copy under this file name in the data directory. `browser`: the shell cannot print, so
 * the renderer opens the browser's print dialog (the browser shell).
 */
export type PrintOutcome = { readonly method: 'host'; readonly copy: string } | { readonly method: 'browser' };

/** One channel: the schema its request must pass, and the type of the value it answers. */
export interface Channel<S extends z.ZodType, R> {
  readonly request: S;
  /** Type carrier only: an identity function typed with the answer. */
  readonly response: (value: R) => R;
}

function channel<R>() {
  return <S extends z.ZodType>(request: S): Channel<S, R> => ({ request, response: (value) => value });
}

export const contract = {
  'session.get': channel<SessionInfo>()(empty),
  'clerk.signIn': channel<SessionInfo>()(z.object({ clerkId: z.string().min(1).max(64), pin: secretBytesSchema(16) }).strict()),
  'clerk.signOut': channel<SessionInfo>()(empty),
  'visit.get': channel<VisitState>()(empty),
  'visit.send': channel<VisitState>()(z.object({ command: visitCommandSchema }).strict()),
  /** The applicant's card-info PIN; `confirmLastTry` is required when one try is left. */
  'visit.cardInfoPin': channel<VisitState>()(z.object({ pin: secretBytesSchema(4), confirmLastTry: z.boolean() }).strict()),
  /**
   * The passwords the applicant set, each with its second entry (R-PW-3: typed twice). The host
   * compares the two itself, as the self-service kiosk does: the screen is not the only guard.
   */
  /** A password change (R-LOCK-4): the current password for the card to verify, the new one twice. */
  'visit.changePassword': channel<VisitState>()(
    z.object({ current: secretBytesSchema(16), password: secretBytesSchema(16), confirmation: secretBytesSchema(16), confirmLastTry: z.boolean() }).strict(),
  ),
  'visit.passwords': channel<VisitState>()(
    z.object({ sign: secretBytesSchema(16).optional(), signRepeat: secretBytesSchema(16).optional(), auth: secretBytesSchema(4).optional(), authRepeat: secretBytesSchema(4).optional() }).strict(),
  ),
  'readers.list': channel<readonly ReaderInfo[]>()(empty),
  'queue.status': channel<SyncStatusView>()(empty),
  'queue.list': channel<readonly QueueRowView[]>()(
    z.object({ states: z.array(z.enum(outboxStates)).min(1).max(outboxStates.length).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
  ),
  'queue.retry': channel<SyncStatusView>()(z.object({ outboxId: z.uuid() }).strict()),
  'queue.syncNow': channel<SyncStatusView>()(empty),
  /** A request refused for good needs nothing more (the clerk decided; audited). */
  'queue.acknowledge': channel<SyncStatusView>()(z.object({ outboxId: z.uuid() }).strict()),
  /** A receipt rebuilt from the store, for reprint (never holds a password). */
  'receipt.get': channel<Receipt>()(z.object({ applicationId: z.uuid() }).strict()),
  /** Print the document now on the page; `reprint` when it was printed before (no second copy is kept). */
  'print.document': channel<PrintOutcome>()(z.object({ document: z.enum(printDocuments), applicationId: printKeySchema, reprint: z.boolean().optional() }).strict()),
  /** The day-end report (日計表) of one day in Japan; today when no date is given. */
  'report.day': channel<DayReport>()(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isIsoDate, 'not a calendar date').optional() }).strict()),
  /** Past visits by receipt number, card serial or days (today by default); audited. */
  'visits.find': channel<VisitSearchResult>()(z.object({ query: visitQuerySchema }).strict()),
  /** One past visit: where it stands, its CA requests, its history, what can be printed again; audited. */
  'visits.get': channel<VisitDetailView>()(z.object({ applicationId: z.uuid() }).strict()),
  /** A past visit's document rebuilt from the store for a reprint marked 再発行; audited. Printed then through `print.document`. */
  'visits.reprint': channel<ReprintView>()(z.object({ applicationId: z.uuid(), document: z.enum(printDocuments) }).strict()),
  'training.get': channel<TrainingView>()(empty),
  'training.insertCard': channel<TrainingView>()(z.object({ slot: z.number().int().min(0).max(1), residentId: z.string().regex(/^[a-z0-9-]{1,64}$/) }).strict()),
  'training.removeCard': channel<TrainingView>()(z.object({ slot: z.number().int().min(0).max(1) }).strict()),
  'training.ca': channel<TrainingCaView>()(empty),
  'training.setCaReachable': channel<TrainingCaView>()(z.object({ isReachable: z.boolean() }).strict()),
  // Self-service terminals only (SELF_SERVICE_ONLY elsewhere); see self-service.ts.
  'selfService.get': channel<SelfServiceState>()(empty),
  'selfService.send': channel<SelfServiceState>()(z.object({ command: selfServiceCommandSchema }).strict()),
  /** The proving password (auth PIN or signing password); `confirmLastTry` is required when one try is left. */
  'selfService.provingPassword': channel<SelfServiceState>()(z.object({ password: secretBytesSchema(16), confirmLastTry: z.boolean() }).strict()),
  /** The new password, typed twice; the host compares them and checks R-PW before the card sees it. */
  'selfService.newPassword': channel<SelfServiceState>()(z.object({ password: secretBytesSchema(16), confirmation: secretBytesSchema(16) }).strict()),
  /** A change of a password the resident knows (R-LOCK-4): the current one for the card to check, the new one twice, as one frame. */
  'selfService.changePassword': channel<SelfServiceState>()(
    z.object({ current: secretBytesSchema(16), password: secretBytesSchema(16), confirmation: secretBytesSchema(16), confirmLastTry: z.boolean() }).strict(),
  ),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export const channelNames = Object.keys(contract) as ChannelName[];

/** What a caller passes (defaults may be omitted). */
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
/** What a handler receives after validation. */
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = ReturnType<Contract[C]['response']>;

export interface EventPayloads {
  readonly visit: VisitState;
  readonly sync: SyncStatusView;
  readonly readers: readonly ReaderInfo[];
  readonly session: SessionInfo;
  readonly training: TrainingView;
  readonly selfService: SelfServiceState;
}
export type EventName = keyof EventPayloads;
export const eventNames = ['visit', 'sync', 'readers', 'session', 'training', 'selfService'] as const satisfies readonly EventName[];

/** The object the renderer sees as `window.madoguchi`, whichever shell it runs in. */
export interface MadoguchiApi {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** The host's side: one handler per channel, given a validated request. */
export type Handlers = { readonly [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

export type { Receipt, ReceiptCertificate, InquiryLetter, NextStep } from '../issuance/receipt';
export type { DayReport } from '../domain/day-report';
export type { ReprintAvailability, ReprintView, VisitDetailView, VisitEventView, VisitQuery, VisitRequestView, VisitSearchResult, VisitSummaryView } from './visits';
