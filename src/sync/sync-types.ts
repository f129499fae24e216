/** The sync engine's public shapes: what it needs (a transport, a store, a clock) and what it reports. */
import type { CaLabel } from '../domain/vocabulary';
import type { Store } from '../store/unit-of-work';
import type { BackoffPolicy } from './backoff';
import type { EnrollResult } from './est-client';
import type { SyncStep } from './sync-steps';

/** What the engine needs from an EST client; tests and other transports can provide it. */
export interface EnrollTransport {
  simpleEnroll(label: CaLabel, csrDer: Uint8Array, idempotencyKey: string): Promise<EnrollResult>;
  /** Delivers `revoke` rows; a transport without it leaves them queued (retried with backoff). */
  revoke?(label: CaLabel, revocation: { readonly serial: string; readonly reason: string }): Promise<void>;
}

export interface SyncStatus {
  readonly running: boolean;
  /** Rows still to deliver (pending, sending, failed_retryable). */
  readonly depth: number;
  /** Refused for good and not yet dealt with by a clerk (retried or acknowledged). */
  readonly failedPermanent: number;
  readonly oldestPendingAgeMs: number | null;
  readonly lastSuccessAt: number | null;
  /** false after a round that could not reach the CA; null before the first attempt. */
  readonly caReachable: boolean | null;
  /** A code only: the renderer's catalogue says it in words (docs/design.md §2). */
  readonly lastError: { readonly code: string; readonly at: number; readonly outboxId: string } | null;
  /**
   * The CA refuses this terminal (401/403, TLS, trust, configuration): one reason for the whole
   * queue, no row marked. Cleared by the next successful contact.
   */
  readonly terminalError: { readonly code: string; readonly at: number } | null;
}

/** Why a round ended before the queue did. */
export interface RoundStop {
  readonly scope: 'terminal' | 'connectivity';
  readonly code: string;
}

export interface RoundResult {
  readonly attempted: number;
  readonly issued: number;
  /** Revocation rows the CA confirmed. */
  readonly revoked: number;
  readonly pending: number;
  readonly retryable: number;
  readonly permanent: number;
  /** Claimed rows put back as they were because the round stopped. */
  readonly untouched: number;
  readonly stoppedBy: RoundStop | null;
}

export interface SyncNowOptions {
  /** Rows to send before the backlog, due or not. */
  readonly first?: readonly string[];
  /**
   * An explicit "send now" (the CLI's `sync --once`, the clerk's button): every row that is not
   * failed permanently is tried, whatever its backoff, and a hold after an outage is lifted.
   */
  readonly force?: boolean;
}

export interface SyncEngineOptions {
  readonly store: Store;
  readonly transport: EnrollTransport;
  readonly concurrency?: number;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  readonly now?: () => number;
  /** Longest sleep of the background loop between rounds. */
  readonly idleIntervalMs?: number;
  /** Upper bound of rows one round handles, so a round always ends. */
  readonly maxRowsPerRound?: number;
  /**
   * A cheap request (e.g. EST cacerts) made by a round that had nothing to send, so the clerk
   * sees whether the CA is reachable before the first visit of an outage, not after it.
   */
  readonly probe?: () => Promise<unknown>;
  /** Once per round that reached the CA (src/sync/audit-head.ts); its failures never stop the engine. */
  readonly afterRound?: () => Promise<unknown>;
  /** Each named step of a delivery as it passes (src/sync/sync-steps.ts); its failures never stop the engine. */
  readonly onProgress?: (step: SyncStep) => void;
}

