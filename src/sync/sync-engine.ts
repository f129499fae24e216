import { isStoreError } from '../store/errors';
import type { ClaimedRow } from '../store/outbox-repo';
import { backoffDelay, defaultBackoff, retryDelay, type BackoffPolicy } from './backoff';
import { isEstError } from './est-errors';
import { connectivityCodes, failureScope } from './failure-scope';
import { pool } from './pool';
import { currentRefusal, recordRefusal } from './refusal-record';
import type { SyncStep } from './sync-steps';
import type { RoundResult, RoundStop, SyncEngineOptions, SyncNowOptions, SyncStatus } from './sync-types';

export type { EnrollTransport, RoundResult, RoundStop, SyncEngineOptions, SyncNowOptions, SyncStatus } from './sync-types';

type Outcome = 'issued' | 'revoked' | 'pending' | 'retryable' | 'permanent' | 'untouched';

export class SyncEngine {
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private readonly concurrency: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private caReachable: boolean | null = null;
  private lastError: SyncStatus['lastError'] = null;
  private terminalError: SyncStatus['terminalError'] = null;
  /**
   * After a round stopped (CA unreachable or refusing us), background rounds send nothing
   * until `until`, then probe first; `failures` grows the wait up to the idle interval.
   */
  private hold: { readonly until: number; readonly failures: number } | null = null;
  /** Rows may carry a connectivity backoff from before (an outage, an earlier process). */
  private isCatchUpDue = true;
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
    try {
      // A refusal seen by an earlier process still stands until the CA accepts us.
      this.terminalError = currentRefusal(options.store);
    } catch {
      this.terminalError = null;
    }
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
      failedPermanent: stats.needsClerk,
      oldestPendingAgeMs: stats.oldestUndeliveredAt === null ? null : Math.max(0, this.now() - stats.oldestUndeliveredAt),
      lastSuccessAt: this.lastSuccessAt ?? stats.lastDoneAt,
      caReachable: this.caReachable,
      lastError: this.lastError,
      terminalError: this.terminalError,
    };
  }

  /**
   * Delivers every due row once (rounds never overlap). `first` names rows to send before the
   * backlog, due or not; a round already running takes them at its next batch.
   */
  syncNow(options: SyncNowOptions = {}): Promise<RoundResult> {
    for (const id of options.first ?? []) this.priority.add(id);
    const round = this.rounds.then(() => this.round(options.force === true));
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
      const nextDue = this.hold === null ? this.nextDueAt() : this.hold.until;
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
    return this.options.store.outbox.nextDueAt();
  }

  private async round(force: boolean): Promise<RoundResult> {
    const result = { attempted: 0, issued: 0, revoked: 0, pending: 0, retryable: 0, permanent: 0, untouched: 0 };
    let stoppedBy: RoundStop | null = null;
    const maxRows = this.options.maxRowsPerRound ?? 100_000;
    const batchSize = this.concurrency * 4;
    if (force) {
      this.hold = null;
      this.options.store.outbox.makeDue();
    } else if (this.hold !== null && this.priority.size === 0) {
      // Held after an outage or a refusal: nothing is sent before the CA answers a probe.
      if (this.now() < this.hold.until || !(await this.probeCa())) {
        this.emit();
        return { ...result, stoppedBy };
      }
    }
    try {
      while (result.attempted < maxRows && !this.isStopping && stoppedBy === null) {
        const first = [...this.priority];
        this.priority.clear();
        const claimed = first.length > 0 ? this.options.store.outbox.claimIds(first) : this.options.store.outbox.claimDue(Math.min(batchSize, maxRows - result.attempted));
        for (const bad of claimed.corrupt) {
          result.permanent += 1;
          this.lastError = { code: bad.code, at: this.now(), outboxId: bad.id };
        }
        if (claimed.rows.length === 0 && first.length === 0) break;
        const untried = await pool(
          claimed.rows,
          this.concurrency,
          async (row) => {
            const outcome = await this.deliver(row);
            if (outcome.kind !== 'untouched') result.attempted += 1;
            result[outcome.kind] += 1;
            // The first reason wins: the rows still in flight only add to it.
            stoppedBy ??= outcome.stop ?? null;
          },
          () => stoppedBy !== null,
        );
        // Everything else would fail the same way: the rows not tried keep their place.
        result.untouched += this.releaseClaimed(untried);
        this.releasePriority(first);
        this.emit();
      }
    } finally {
      // A stopping engine sends nothing more: nobody may wait on it. Otherwise rows named
      // meanwhile stay for the round their own syncNow queued.
      if (this.isStopping) {
        this.releasePriority([...this.priority]);
        this.priority.clear();
      }
    }
    if (stoppedBy !== null) this.holdAfter();
    else if (result.attempted === 0 && !this.isStopping) await this.probeCa();
    if (this.caReachable === true && !this.isStopping) await Promise.resolve().then(this.options.afterRound).catch(() => undefined);
    this.emit();
    return { ...result, stoppedBy };
  }

  private releaseClaimed(rows: readonly ClaimedRow[]): number {
    try {
      return this.options.store.outbox.release(rows);
    } catch {
      // They stay `sending`; the next open puts them back (crash recovery).
      return 0;
    }
  }

  /** Background rounds wait, then probe: a refusing or absent CA is not asked once per row. */
  private holdAfter(): void {
    const failures = (this.hold?.failures ?? 0) + 1;
    const idle = Math.max(10, this.options.idleIntervalMs ?? 30_000);
    this.hold = { failures, until: this.now() + Math.min(idle, backoffDelay(failures, this.random, this.backoff)) };
  }

  /** The CA answered: rows that waited only because it could not be reached are due at once. */
  private contactSucceeded(): void {
    this.caReachable = true;
    this.setTerminalError(null);
    this.hold = null;
    if (!this.isCatchUpDue) return;
    this.isCatchUpDue = false;
    try {
      if (this.options.store.outbox.makeDue(connectivityCodes) > 0) this.wake?.();
    } catch {
      // Their own backoff still brings them; nothing is lost.
      this.isCatchUpDue = true;
    }
  }

  /** The CA could not be reached, or refused this terminal. */
  private contactFailed(scope: 'terminal' | 'connectivity', code: string): void {
    this.caReachable = false;
    this.isCatchUpDue = true;
    if (scope === 'terminal') this.setTerminalError({ code, at: this.now() });
  }

  private setTerminalError(next: SyncStatus['terminalError']): void {
    const previous = this.terminalError;
    this.terminalError = next;
    try {
      recordRefusal(this.options.store, previous, next);
    } catch {
      // The status still says it; a store that cannot write has its own error for the clerk.
    }
  }

  private releasePriority(ids: readonly string[]): void {
    for (const id of ids) {
      const waiters = this.priorityWaiters.get(id) ?? [];
      this.priorityWaiters.delete(id);
      for (const resolve of waiters) resolve();
    }
  }

  /** true when the CA answered the probe. */
  private async probeCa(): Promise<boolean> {
    const probe = this.options.probe;
    if (probe === undefined) return true;
    try {
      await probe();
      this.contactSucceeded();
      return true;
    } catch (error) {
      if (!(isEstError(error))) return false;
      const scope = failureScope(error);
      if (scope === 'row') {
        // It answered, if not well: reachable, but no proof it serves us.
        this.caReachable = true;
        return true;
      }
      this.contactFailed(scope, error.code);
      this.holdAfter();
      return false;
    }
  }

  private async deliver(row: ClaimedRow): Promise<{ kind: Outcome; stop?: RoundStop }> {
    const store = this.options.store;
    try {
      if (row.kind === 'revoke') return await this.revoke(row);
      this.progress('sync-before-enroll');
      const answer = await this.options.transport.simpleEnroll(row.caLabel, row.csrDer, row.id);
      this.progress('sync-after-enroll');
      this.contactSucceeded();
      if (answer.status === 'pending') {
        const delay = retryDelay(row.attempts, answer.retryAfterMs, this.random, this.backoff);
        store.outbox.markRetryable(row.id, 'EST_PENDING', 'accepted by the CA, not issued yet', this.now() + delay);
        return { kind: 'pending' };
      }
      store.completeOutboxRow(row.id, {
        responseDer: answer.responseDer,
        certificateDer: answer.certificate.der,
        certificateSerial: answer.certificate.serialHex,
        notAfter: answer.certificate.notAfter,
      });
      this.progress('sync-after-complete-row');
      this.lastSuccessAt = this.now();
      return { kind: 'issued' };
    } catch (error) {
      const estError = isEstError(error) ? error : undefined;
      const code = estError?.code ?? (isStoreError(error) ? error.code : 'SYNC_INTERNAL');
      const message = error instanceof Error ? error.message.slice(0, 500) : 'unknown error';
      const scope = failureScope(error);
      if (scope === 'terminal') {
        // Not this row's fault: it goes back as it was, and the terminal carries the reason.
        this.contactFailed(scope, code);
        this.releaseClaimed([row]);
        return { kind: 'untouched', stop: { scope, code } };
      }
      if (scope === 'connectivity') this.contactFailed(scope, code);
      else if (estError !== undefined) this.caReachable = true;
      this.lastError = { code, at: this.now(), outboxId: row.id };
      const stop = scope === 'connectivity' ? { scope, code } : undefined;
      try {
        if (estError !== undefined && !estError.retryable) {
          store.outbox.markPermanent(row.id, code, message);
          return { kind: 'permanent', ...(stop === undefined ? {} : { stop }) };
        }
        // Unknown failures are retried too: giving up would lose a visit, spinning is bounded by backoff.
        const delay = retryDelay(row.attempts, estError?.facts.retryAfterMs, this.random, this.backoff);
        store.outbox.markRetryable(row.id, code, message, this.now() + delay);
      } catch {
        // The row stays `sending`; the next open puts it back. The others go on.
      }
      return { kind: 'retryable', ...(stop === undefined ? {} : { stop }) };
    }
  }

  /** Revoking twice is harmless at the CA, so a resent row after a crash does no harm. */
  private async revoke(row: ClaimedRow): Promise<{ kind: 'revoked' }> {
    const transport = this.options.transport;
    if (row.revocation === null || transport.revoke === undefined) throw new Error('this transport cannot deliver revocations');
    await transport.revoke(row.caLabel, row.revocation);
    this.contactSucceeded();
    this.options.store.completeRevocationRow(row.id);
    this.lastSuccessAt = this.now();
    return { kind: 'revoked' };
  }

  private progress(step: SyncStep): void {
    try {
      this.options.onProgress?.(step);
    } catch {
      // Whoever follows the progress cannot stop a delivery.
    }
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
