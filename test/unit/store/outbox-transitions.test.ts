/**
 * The outbox repository moves a row only along the outbox transition table
 * (src/domain/outbox-state-machine.ts): each of its writes is one event of the table, a row in a
 * state the event does not start from is refused with a coded error, and nothing is written.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { nextOutboxState, type OutboxEvent } from '../../../src/domain/outbox-state-machine';
import { outboxStates, type OutboxState } from '../../../src/domain/vocabulary';
import { recoverInterruptedSends } from '../../../src/store/open-database';
import type { ClaimedRow } from '../../../src/store/outbox-repo';
import type { Store } from '../../../src/store/unit-of-work';
import { fakeCsr, sampleApplication, useTestStore } from './fixtures';

let db: Database;
let store: Store;
const clock = 1_700_000_000_000;
useTestStore({ file: 'q.sqlite', now: () => clock, ready: (s) => ({ db, store } = s) });

/** One queued CSR row, put straight into `state` (as a crash, another process or an old version may leave it). */
function rowIn(state: OutboxState): string {
  const app = store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
  const id = randomUUID();
  store.recordTransition({ applicationId: app.id, event: 'queue', outbox: [{ id, certificateKind: 'sign', csrDer: fakeCsr(id) }], audit: { actor: 'clerk-1', action: 'application.queue' } });
  db.prepare('UPDATE outbox SET state = ? WHERE id = ?').run(state, id);
  return id;
}

const issued = { responseDer: new Uint8Array([1]), certificateDer: new Uint8Array([2]), certificateSerial: '0A', notAfter: '2031-05-10T14:59:59.000Z' };

/** Each repository write that is an event of the table, as the sync engine, the clerk or opening the database make it. */
const writes: readonly [OutboxEvent, (id: string) => void][] = [
  ['retryLater', (id) => store.outbox.markRetryable(id, 'EST_NETWORK', 'ECONNRESET', clock + 60_000)],
  ['refuse', (id) => store.outbox.markPermanent(id, 'EST_REJECTED', 'HTTP 400')],
  ['deliver', (id) => store.outbox.writeDone(id, issued)],
  ['deliver', (id) => store.outbox.writeRevoked(id)],
  ['requeue', (id) => store.outbox.requeue(id)],
  ['acknowledge', (id) => store.outbox.acknowledge(id, 'clerk-2')],
];

describe.each(writes.map(([event, write]) => ({ event, write, name: `${event} (${write.toString().match(/outbox\.(\w+)/)?.[1] ?? ''})` })))('$name', ({ event, write }) => {
  test.each(outboxStates.map((state) => ({ state, next: nextOutboxState(state, event), says: nextOutboxState(state, event) ?? 'refused' })))('from $state: $says', ({ state, next }) => {
    const id = rowIn(state);
    if (next === undefined) {
      expect(() => write(id)).toThrow(expect.objectContaining({ code: 'STORE_STATE_CONFLICT' }));
      expect(store.outbox.get(id).state).toBe(state);
    } else {
      write(id);
      expect(store.outbox.get(id).state).toBe(next);
    }
  });
});

test.each(outboxStates.map((state) => ({ state, next: nextOutboxState(state, 'claim'), says: nextOutboxState(state, 'claim') ?? 'not claimed' })))('claim from $state: $says', ({ state, next }) => {
  const id = rowIn(state);
  const claimed = store.outbox.claimIds([id]).rows.map((row) => row.id);
  expect(claimed).toEqual(next === undefined ? [] : [id]);
  expect(store.outbox.get(id).state).toBe(next ?? state);
});

test.each(outboxStates.map((state) => ({ state, next: nextOutboxState(state, 'recover'), says: nextOutboxState(state, 'recover') ?? 'untouched' })))('recovery on open from $state: $says', ({ state, next }) => {
  const id = rowIn(state);
  recoverInterruptedSends(db, clock);
  expect(store.outbox.get(id).state).toBe(next ?? state);
});

describe('putting a claimed row back is the reverse of its claim', () => {
  function claimedFrom(state: 'pending' | 'failed_retryable'): ClaimedRow {
    const id = rowIn(state);
    const [row] = store.outbox.claimIds([id]).rows;
    if (row === undefined) throw new Error('not claimed');
    return row;
  }

  test.each(['pending', 'failed_retryable'] as const)('claimed from %s: put back as it was, attempts included', (state) => {
    const row = claimedFrom(state);
    expect(store.outbox.release([row])).toBe(1);
    expect(store.outbox.get(row.id)).toMatchObject({ state, attempts: 0 });
  });

  test.each(['done', 'failed_permanent', 'sending'] as const)('a row said to come from %s was never claimed from it: refused, nothing written', (from) => {
    const row = claimedFrom('pending');
    const other = claimedFrom('failed_retryable');
    const forged: ClaimedRow = { ...row, claimedFrom: { ...row.claimedFrom, state: from } };
    expect(() => store.outbox.release([other, forged])).toThrow(expect.objectContaining({ code: 'STORE_ILLEGAL_TRANSITION' }));
    // One transaction: the legal row of the same call is not put back either.
    expect(store.outbox.get(row.id).state).toBe('sending');
    expect(store.outbox.get(other.id).state).toBe('sending');
  });
});
