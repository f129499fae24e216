/**
 * A request the CA refused for good counts as needing a clerk until one retries it or
 * acknowledges it (with who and when, and an audit entry); a new refusal asks again.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../../../src/store/unit-of-work';
import { sampleApplication, useTestStore } from './fixtures';

let store: Store;
useTestStore({ file: 'madoguchi.sqlite', ready: (s) => ({ store } = s) });

function refusedRevocation(): string {
  const app = store.recordNewApplication(sampleApplication({ procedure: 'revoke', state: 'draft', basicInfo: null, certificateKinds: ['auth'] }), { actor: 'clerk-1', action: 'application.recorded' });
  const id = randomUUID();
  store.recordTransition({ applicationId: app.id, from: 'draft', to: 'card_prepared', revocations: [{ id, certificateKind: 'auth', serial: '0A1B', reason: 'keyCompromise' }], audit: { actor: 'clerk-1', action: 'revocation.requested' } });
  const claimed = store.outbox.claimIds([id]);
  expect(claimed.rows.map((r) => r.id)).toEqual([id]);
  store.outbox.markPermanent(id, 'EST_REJECTED', 'HTTP 404');
  return id;
}

test('refused for good counts as needing a clerk; acknowledging records who and stops the count, with an audit entry', () => {
  const id = refusedRevocation();
  expect(store.outbox.stats()).toMatchObject({ needsClerk: 1, depth: 0, counts: { failed_permanent: 1 } });
  store.acknowledgeOutboxRow(id, 'clerk-2');
  expect(store.outbox.stats()).toMatchObject({ needsClerk: 0, counts: { failed_permanent: 1 } });
  expect(store.outbox.get(id)).toMatchObject({ state: 'failed_permanent', acknowledgedBy: 'clerk-2' });
  expect(store.outbox.get(id).acknowledgedAt).not.toBeNull();
  const audit = store.audit.list({ subject: id }).rows.filter((e) => e.action === 'outbox.acknowledged');
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actor: 'clerk-2', details: { kind: 'revoke', lastErrorCode: 'EST_REJECTED' } });
});

test('only a request refused for good can be acknowledged', () => {
  const id = refusedRevocation();
  store.retryOutboxRow(id, 'clerk-1');
  expect(() => store.acknowledgeOutboxRow(id, 'clerk-1')).toThrow();
  expect(store.audit.list({ subject: id }).rows.filter((e) => e.action === 'outbox.acknowledged')).toHaveLength(0);
});

test('a retry clears the acknowledgement, and a new refusal needs a clerk again', () => {
  const id = refusedRevocation();
  store.acknowledgeOutboxRow(id, 'clerk-1');
  store.retryOutboxRow(id, 'clerk-1');
  expect(store.outbox.get(id)).toMatchObject({ state: 'pending', acknowledgedAt: null, acknowledgedBy: null });
  store.outbox.claimIds([id]);
  store.outbox.markPermanent(id, 'EST_REJECTED', 'HTTP 404 again');
  expect(store.outbox.stats().needsClerk).toBe(1);
});
