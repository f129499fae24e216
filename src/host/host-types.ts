/**
 * What one long-lived host offers the shells (browser shell, Electron, CLI) and the visit
 * controller. `buildHost` (host.ts) is the one composition root that makes it; it owns the data
 * directory (lock), the store, the sync engine (the only sender of the outbox), the PC/SC
 * context, the issuer signer and the CA connection.
 */
import type { CardModel } from '../card/card-model';
import type { ProcedureOutcome } from '../api/visit';
import type { ReaderInfo, SyncStatusView, TerminalInfo, Timeouts } from '../api/contract';
import type { SelfServiceCommand, SelfServiceState } from '../api/self-service';
import type { ClerkRef } from '../api/visit';
import type { ApplicationRequest } from '../issuance/application-request';
import type { RecoveryReport } from '../issuance/recover';
import type { Secrets } from '../issuance/secrets';
import type { ProcedureStep } from '../issuance/steps';
import type { Store } from '../store/unit-of-work';
import type { CaCardRecord } from '../sync/est-client';
import type { DataDirPaths } from './data-dir';
import type { ResetAuthority } from '../issuance/self-reset';

export interface CardSession {
  readonly reader: string;
  readonly card: CardModel;
  close(): Promise<void>;
}

export interface ProcedureHooks {
  /** Called after each named step of this procedure and its deliveries, as it passes: the visit's progress screen. */
  readonly onProgress?: (step: ProcedureStep) => void;
  /** Cancels before the first durable write; later steps finish (nothing is left half-done). */
  readonly signal?: AbortSignal;
}

export interface ProcedureInput {
  readonly request: ApplicationRequest;
  /** undefined for the procedures that run without the card (revocation, a proxy's first visit). */
  readonly card: CardModel | undefined;
  /** Wiped by the runner on every path, whatever happens. */
  readonly secrets: Secrets;
  /** A password change's current passwords (the card verifies them); wiped like `secrets`. */
  readonly current?: Secrets;
}

export interface ReaderWatch {
  list(): readonly ReaderInfo[];
  /** Called with the full list whenever a reader appears or goes, or a card is inserted or removed. */
  onChange(listener: (readers: readonly ReaderInfo[]) => void): () => void;
}

export interface SyncControl {
  status(): SyncStatusView;
  onStatus(listener: (status: SyncStatusView) => void): () => void;
  /** An explicit "send now": every row that is not failed permanently is tried. */
  syncNow(): Promise<SyncStatusView>;
  retry(outboxId: string, actor: string): SyncStatusView;
  /** A request refused for good needs nothing more: it stops counting as needing a clerk (audited). */
  acknowledge(outboxId: string, actor: string): SyncStatusView;
}

/** An outage rehearsal on a training terminal: the in-process training CA stops answering, then answers again. */
export interface TrainingCaSwitch {
  isReachable(): boolean;
  /** Switches, then lets the sync engine find out at once (the badge says it). */
  setReachable(isReachable: boolean): Promise<void>;
}

export interface Host {
  readonly paths: DataDirPaths;
  readonly terminal: TerminalInfo;
  readonly timeouts: Timeouts;
  readonly store: Store;
  readonly sync: SyncControl;
  readonly readers: ReaderWatch;
  /** Checks a clerk's PIN (salted scrypt hash from config.json); throws CLERK_SIGN_IN_FAILED / CLERK_LOCKED_OUT. Wipes `pin`. */
  verifyClerk(clerkId: string, pin: Uint8Array): Promise<ClerkRef>;
  readonly clerks: readonly ClerkRef[];
  /** What the CA holds for a card serial (bounded in time; rejects when it cannot be asked); absent without a CA. */
  readonly caRecords?: (cardSerial: string) => Promise<readonly CaCardRecord[]>;
  /** A training counter's own training CA, which the trainer may take offline and back. */
  readonly trainingCa?: TrainingCaSwitch;
  /** The CA's reset authorisation, on a self-service terminal with a CA. */
  readonly resetAuthority?: ResetAuthority;
  /** Waits (bounded) for a card in the reader and connects exclusively. */
  openCard(reader: string, waitMs?: number): Promise<CardSession>;
  /** Runs one procedure through the exhaustive handler map; the visit's own requests are sent first. */
  runProcedure(input: ProcedureInput, hooks?: ProcedureHooks): Promise<ProcedureOutcome>;
  recover(): Promise<RecoveryReport & { readonly revocationsReported: number }>;
  /** Stops the sync engine, closes PC/SC, the CA connection and the store, releases the lock. */
  close(): Promise<void>;
}

/** The self-service flow a self-service terminal's shells talk to (self-service-controller.ts). */
export interface SelfServiceFlow {
  readonly state: SelfServiceState;
  onState(listener: (state: SelfServiceState) => void): () => void;
  send(command: SelfServiceCommand): Promise<SelfServiceState>;
  /** Takes ownership of `password` and wipes it after the card command. */
  provingPassword(password: Uint8Array, confirmLastTry: boolean): Promise<SelfServiceState>;
  /** Takes ownership of both arrays and wipes them after the card command. */
  newPassword(password: Uint8Array, confirmation: Uint8Array): Promise<SelfServiceState>;
  /** A change of a password the resident knows; takes ownership of the three arrays and wipes them after the card command. */
  changePassword(current: Uint8Array, password: Uint8Array, confirmation: Uint8Array, confirmLastTry: boolean): Promise<SelfServiceState>;
}
