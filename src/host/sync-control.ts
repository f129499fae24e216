/**
 * The one sender of the outbox (docs/design.md §3): the host builds exactly one SyncEngine over one
 * EST client, with the reachability probe and the response timeout from config.json. Visits
 * ask it to deliver their own rows first; the screens and the CLI see its status as codes.
 */
import type { SyncStatusView } from '../api/contract';
import { asErrorCode } from '../api/errors';
import { caLabels } from '../domain/vocabulary';
import type { Store } from '../store/unit-of-work';
import { auditHeadReporter } from '../sync/audit-head';
import { EstClient } from '../sync/est-client';
import { SyncEngine, type RoundResult, type SyncStatus } from '../sync/sync-engine';
import type { SyncStep } from '../sync/sync-steps';
import type { CaConnection, TerminalConfig } from './data-dir';
import type { SyncControl } from './host-types';

/** A visit waits at most this long for its own requests before the receipt says "queued". */
export const visitDeliveryBudgetMs = 20_000;


export function statusView(status: SyncStatus): SyncStatusView {
  return {
    running: status.running,
    depth: status.depth,
    failedPermanent: status.failedPermanent,
    oldestPendingAgeMs: status.oldestPendingAgeMs,
    lastSuccessAt: status.lastSuccessAt,
    caReachable: status.caReachable,
    lastError: status.lastError === null ? null : { code: asErrorCode(status.lastError.code), at: status.lastError.at },
    terminalError: status.terminalError === null ? null : { code: asErrorCode(status.terminalError.code), at: status.terminalError.at },
  };
}

export interface HostSync {
  readonly control: SyncControl;
  /** undefined for a configured terminal without a CA: it queues and never sends. */
  readonly engine: SyncEngine | undefined;
  /** The same EST client, for pick-up lookups and revocations (undefined without a CA). */
  readonly directory: EstClient | undefined;
  /** One bounded delivery for a visit: its own rows first; never rejects. */
  deliverNow(first?: readonly string[]): Promise<void>;
  /** A round now, with its counts (the CLI's `sync --once`). */
  round(): Promise<RoundResult | undefined>;
  close(): Promise<void>;
}

export interface HostSyncOptions {
  readonly store: Store;
  readonly connection: CaConnection | undefined;
  readonly sync: TerminalConfig['sync'];
  /** The engine's delivery steps, for the host's progress stream. */
  readonly onProgress: (step: SyncStep) => void;
  readonly now: () => number;
}

export function buildSync(options: HostSyncOptions): HostSync {
  const { store, connection, sync, onProgress } = options;
  let engine: SyncEngine | undefined;
  let client: EstClient | undefined;
  if (connection !== undefined) {
    const est = new EstClient({ ...connection, maxSockets: sync.concurrency, connectTimeoutMs: sync.connectTimeoutMs, responseTimeoutMs: sync.responseTimeoutMs });
    client = est;
    engine = new SyncEngine({ store, transport: est, onProgress, concurrency: sync.concurrency, idleIntervalMs: sync.idleIntervalMs, now: options.now, probe: () => est.cacerts(caLabels.sign), afterRound: auditHeadReporter(store, est) });
  }
  const listeners = new Set<(status: SyncStatusView) => void>();
  const offlineStatus = (): SyncStatusView => {
    const stats = store.outbox.stats();
    return { running: false, depth: stats.depth, failedPermanent: stats.needsClerk, oldestPendingAgeMs: stats.oldestUndeliveredAt === null ? null : Math.max(0, options.now() - stats.oldestUndeliveredAt), lastSuccessAt: stats.lastDoneAt, caReachable: null, lastError: null, terminalError: null };
  };
  // Certificates issued for a card not yet presented: open work for the closing-time warning.
  const pickUpsWaiting = (): number => store.applications.list({ states: ['issued'] }).rows.length;
  const status = (): SyncStatusView => ({ ...(engine === undefined ? offlineStatus() : statusView(engine.status())), pickUpsWaiting: pickUpsWaiting() });
  const emit = () => {
    const current = status();
    for (const listener of [...listeners]) listener(current);
  };
  engine?.onStatus(() => emit());
  const active = engine;
  const control: SyncControl = {
    status,
    onStatus(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async syncNow() {
      // The clerk asked: every waiting row is tried now, whatever its backoff.
      await active?.syncNow({ force: true }).catch(() => undefined);
      return status();
    },
    acknowledge(outboxId, actor) {
      store.acknowledgeOutboxRow(outboxId, actor);
      emit();
      return status();
    },
    retry(outboxId, actor) {
      store.retryOutboxRow(outboxId, actor);
      // A retried row is due now: the loop (if running) takes it at once.
      if (active?.status().running === true) void active.syncNow().catch(() => undefined);
      emit();
      return status();
    },
  };
  return {
    control,
    engine,
    directory: client,
    async deliverNow(first = []) {
      if (active === undefined) return;
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, visitDeliveryBudgetMs);
      });
      const delivery = first.length > 0 ? active.deliverFirst(first) : active.syncNow().then(() => undefined);
      await Promise.race([delivery.catch(() => undefined), budget]);
      clearTimeout(timer);
    },
    async round() {
      return active?.syncNow({ force: true });
    },
    async close() {
      await active?.stop();
      listeners.clear();
      client?.close();
    },
  };
}
