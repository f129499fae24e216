import type { CaLabel } from '../domain/vocabulary';
import { StoreError } from '../store/errors';
import type { OutboxRecord } from '../store/outbox-repo';
import type { Store } from '../store/unit-of-work';
import { defaultBackoff, retryDelay, type BackoffPolicy } from './backoff';
import type { EnrollResult } from './est-client';
import { EstError } from './est-errors';

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
  readonly failedPermanent: number;
  readonly oldestPendingAgeMs: number | null;
  readonly lastSuccessAt: number | null;
  /** false after a round that could not reach the CA; null before the first attempt. */
  readonly caReachable: boolean | null;
  /** A code only: the renderer's catalogue says it in words (design.md §2). */
  readonly lastError: { readonly code: string; readonly at: number; readonly outboxId: string } | null;
}

export interface RoundResult {
  readonly attempted: number;
  readonly issued: number;
  /** Revocation rows the CA confirmed. */
  readonly revoked: number;
  readonly pending: number;
  readonly retryable: number;
  readonly permanent: number;
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
}

/** The CA could not be reached: every other row would fail the same way. */
const connectivityCodes = new Set(['EST_NETWORK', 'EST_TIMEOUT']);
/** The CA refuses this terminal, not this row: stop the round rather than fail the whole queue. */
const terminalWideCodes = new Set(['EST_TLS', 'EST_UNAUTHORIZED', 'EST_CONFIG']);

export class SyncEngine {
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private readonly concurrency: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private caReachable: boolean | null = null;
  private lastError: SyncStatus['lastError'] = null;
  private lastSuccessAt: number | null = null;
  private rounds: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | undefined;
  private isStopping = false;
  private wake: (() => void) | undefined;
  /** Rows a visit is waiting for: claimed before any other row at the next batch. */
  private readonly priority = new Set<string>();
  private readonly priorityWaiters = new Map<string, (() => void)[]>();

  constructor(private readonly options: SyncEngineOptions) {
    this.concurrency = Math.max(1, Math.min(options.concurrency ?? 4, 64));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? defaultBackoff;
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  status(): SyncStatus {
    const stats = this.options.store.outbox.stats();
    return {
      running: this.loop !== undefined && !this.isStopping,
      depth: stats.depth,
      failedPermanent: stats.counts.failed_permanent,
      oldestPendingAgeMs: stats.oldestUndeliveredAt === null ? null : Math.max(0, this.now() - stats.oldestUndeliveredAt),
      lastSuccessAt: this.lastSuccessAt ?? stats.lastDoneAt,
      caReachable: this.caReachable,
      lastError: this.lastError,
    };
  }

  /**
   * Delivers every due row once (rounds never overlap). `first` names rows to send before the
   * backlog, due or not; a round already running takes them at its next batch.
   */
  syncNow(options: { readonly first?: readonly string[] } = {}): Promise<RoundResult> {
    for (const id of options.first ?? []) this.priority.add(id);
    const round = this.rounds.then(() => this.round());
    this.rounds = round.catch(() => undefined);
    this.wake?.();
    return round;
  }

  /**
   * A visit's own rows first: resolves once each was attempted (or was not waiting to be
   * sent), without waiting for the backlog behind them.
   */
  deliverFirst(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    const attempted = Promise.all(
      ids.map(
        (id) =>
          new Promise<void>((resolve) => {
            this.priorityWaiters.set(id, [...(this.priorityWaiters.get(id) ?? []), resolve]);
          }),
      ),
    ).then(() => undefined);
    this.syncNow({ first: ids }).catch(() => undefined);
    return attempted;
  }

  /** Runs rounds until `stop()`: immediately, then whenever a row is due, at least every idle interval. */
  start(): void {
    if (this.loop !== undefined) return;
    this.isStopping = false;
    this.loop = this.runLoop();
    this.emit();
  }

  async stop(): Promise<void> {
    this.isStopping = true;
    this.wake?.();
    await this.loop;
    await this.rounds;
    this.releasePriority([...this.priorityWaiters.keys()]);
    this.loop = undefined;
    this.emit();
  }

  private async runLoop(): Promise<void> {
    const idle = Math.max(10, this.options.idleIntervalMs ?? 30_000);
    while (!this.isStopping) {
      await this.syncNow().catch(() => undefined);
      if (this.isStopping) break;
      const nextDue = this.nextDueAt();
      const wait = nextDue === null ? idle : Math.min(idle, Math.max(10, nextDue - this.now()));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private nextDueAt(): number | null {
    const value = this.options.store.db
      .prepare("SELECT MIN(next_attempt_at) FROM outbox WHERE state IN ('pending', 'failed_retryable')")
      .pluck()
      .get();
    return typeof value === 'number' ? value : null;
  }

  private async round(): Promise<RoundResult> {
    const result = { attempted: 0, issued: 0, revoked: 0, pending: 0, retryable: 0, permanent: 0 };
    const maxRows = this.options.maxRowsPerRound ?? 100_000;
    const batchSize = this.concurrency * 4;
    try {
      while (result.attempted < maxRows && !this.isStopping) {
        const first = [...this.priority];
        this.priority.clear();
        const claimed = first.length > 0 ? this.options.store.outbox.claimIds(first) : this.options.store.outbox.claimDue(Math.min(batchSize, maxRows - result.attempted));
        for (const bad of claimed.corrupt) {
          result.permanent += 1;
          this.lastError = { code: bad.code, at: this.now(), outboxId: bad.id };
        }
        if (claimed.rows.length === 0 && first.length === 0) break;
        let isUnreachable = false;
        await pool(claimed.rows, this.concurrency, async (row) => {
          result.attempted += 1;
          const outcome = await this.deliver(row);
          result[outcome.kind] += 1;
          if (outcome.isConnectivity) isUnreachable = true;
        });
        this.releasePriority(first);
        this.emit();
        // Everything else would fail the same way; the rows keep their own retry times.
        if (isUnreachable) break;
      }
    } finally {
      // A stopping engine sends nothing more: nobody may wait on it. Otherwise rows named
      // meanwhile stay for the round their own syncNow queued.
      if (this.isStopping) {
        this.releasePriority([...this.priority]);
        this.priority.clear();
      }
    }
    if (result.attempted === 0 && !this.isStopping) await this.probeCa();
    this.emit();
    return result;
  }

  private releasePriority(ids: readonly string[]): void {
    for (const id of ids) {
      const waiters = this.priorityWaiters.get(id) ?? [];
      this.priorityWaiters.delete(id);
      for (const resolve of waiters) resolve();
    }
  }

  private async probeCa(): Promise<void> {
    const probe = this.options.probe;
    if (probe === undefined) return;
    try {
      await probe();
      this.caReachable = true;
    } catch (error) {
      if (!(error instanceof EstError)) return;
      this.caReachable = !(connectivityCodes.has(error.code) || terminalWideCodes.has(error.code));
    }
  }

  private async deliver(row: OutboxRecord): Promise<{ kind: 'issued' | 'revoked' | 'pending' | 'retryable' | 'permanent'; isConnectivity: boolean }> {
    const store = this.options.store;
    try {
      if (row.kind === 'revoke') return await this.revoke(row);
      const answer = await this.options.transport.simpleEnroll(row.caLabel, row.csrDer, row.id);
      this.caReachable = true;
      if (answer.status === 'pending') {
        const delay = retryDelay(row.attempts, answer.retryAfterMs, this.random, this.backoff);
        store.outbox.markRetryable(row.id, 'EST_PENDING', 'accepted by the CA, not issued yet', this.now() + delay);
        return { kind: 'pending', isConnectivity: false };
      }
      store.completeOutboxRow(row.id, {
        responseDer: answer.responseDer,
        certificateDer: answer.certificate.der,
        certificateSerial: answer.certificate.serialHex,
        notAfter: answer.certificate.notAfter,
      });
      this.lastSuccessAt = this.now();
      return { kind: 'issued', isConnectivity: false };
    } catch (error) {
      const estError = error instanceof EstError ? error : undefined;
      const code = estError?.code ?? (error instanceof StoreError ? error.code : 'SYNC_INTERNAL');
      const message = error instanceof Error ? error.message.slice(0, 500) : 'unknown error';
      const isConnectivity = estError !== undefined && (connectivityCodes.has(estError.code) || terminalWideCodes.has(estError.code));
      if (isConnectivity) this.caReachable = false;
      else if (estError !== undefined) this.caReachable = true;
      this.lastError = { code, at: this.now(), outboxId: row.id };
      try {
        if (estError !== undefined && !estError.retryable) {
          store.outbox.markPermanent(row.id, code, message);
          return { kind: 'permanent', isConnectivity };
        }
        // Unknown failures are retried too: giving up would lose a visit, spinning is bounded by backoff.
        const delay = retryDelay(row.attempts, estError?.retryAfterMs, this.random, this.backoff);
        store.outbox.markRetryable(row.id, code, message, this.now() + delay);
      } catch {
        // The row stays `sending`; the next open puts it back. The others go on.
      }
      return { kind: 'retryable', isConnectivity };
    }
  }

  /** Revoking twice is harmless at the CA, so a resent row after a crash does no harm. */
  private async revoke(row: OutboxRecord): Promise<{ kind: 'revoked'; isConnectivity: false }> {
    const transport = this.options.transport;
    if (row.revocation === null || transport.revoke === undefined) throw new Error('this transport cannot deliver revocations');
    await transport.revoke(row.caLabel, row.revocation);
    this.caReachable = true;
    this.options.store.completeRevocationRow(row.id);
    this.lastSuccessAt = this.now();
    return { kind: 'revoked', isConnectivity: false };
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    let status: SyncStatus;
    try {
      status = this.status();
    } catch {
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch {
        // A broken listener must not stop delivery.
      }
    }
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  });
  await Promise.all(workers);
}
