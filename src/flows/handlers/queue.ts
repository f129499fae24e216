/** The outbox as the clerk's queue dashboard sees it, and the clerk's actions on it. */
import type { Handlers, QueuePhase, QueueRowView } from '../../api/contract';
import { asErrorCode } from '../../api/errors';
import type { Host } from '../../host/host-types';
import type { OutboxRecord } from '../../store/outbox-repo';
import { connectivityCodes } from '../../sync/failure-scope';
import type { ClerkAccess } from './access';

export type QueueChannel = 'queue.status' | 'queue.list' | 'queue.retry' | 'queue.syncNow' | 'queue.acknowledge';

const outageCodes: ReadonlySet<string> = new Set(connectivityCodes);

/** A row waiting only because the CA could not be reached is not a failure: it goes when the CA is back. */
function phaseOf(row: OutboxRecord): QueuePhase {
  switch (row.state) {
    case 'done':
      return 'done';
    case 'sending':
      return 'sending';
    case 'failed_permanent':
      return row.acknowledgedAt === null ? 'failed' : 'acknowledged';
    case 'pending':
    case 'failed_retryable':
      return row.lastErrorCode === null || outageCodes.has(row.lastErrorCode) ? 'waiting' : 'retrying';
  }
}

export function queueRow(row: OutboxRecord, receiptNumber: string | null): QueueRowView {
  return {
    id: row.id,
    applicationId: row.applicationId,
    receiptNumber,
    certificateKind: row.certificateKind,
    kind: row.kind,
    state: row.state,
    phase: phaseOf(row),
    acknowledgedAt: row.acknowledgedAt,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    // Stored codes come from older versions too; one the renderer has no words for reads as INTERNAL.
    lastErrorCode: row.lastErrorCode === null ? null : asErrorCode(row.lastErrorCode),
    createdAt: row.createdAt,
    certificateSerial: row.certificateSerial,
  };
}

export function queueHandlers(host: Host, { signedIn, reading }: ClerkAccess): Pick<Handlers, QueueChannel> {
  return {
    'queue.status': reading(() => host.sync.status()),
    'queue.list': reading(({ states, limit }) => {
      const rows = host.store.outbox.list(states === undefined ? {} : { states }).rows.slice(0, limit ?? 200);
      const numbers = host.store.applications.receiptNumbersOf(rows.map((row) => row.applicationId));
      return rows.map((row) => queueRow(row, numbers.get(row.applicationId) ?? null));
    }),
    'queue.retry': signedIn(({ outboxId }, clerkId) => host.sync.retry(outboxId, clerkId)),
    'queue.syncNow': signedIn(() => host.sync.syncNow()),
    'queue.acknowledge': signedIn(({ outboxId }, clerkId) => host.sync.acknowledge(outboxId, clerkId)),
  };
}
