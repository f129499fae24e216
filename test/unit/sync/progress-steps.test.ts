/**
 * The sync engine reports the named steps of each delivery as they pass, at the points where
 * they say: before the request, after the CA's answer but before anything is written, and after
 * the certificate is committed. The host's progress stream and the crash tests rely on them.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../../../src/store/unit-of-work';
import type { EstClient } from '../../../src/sync/est-client';
import { SyncEngine } from '../../../src/sync/sync-engine';
import type { SyncStep } from '../../../src/sync/sync-steps';
import { sampleApplication } from '../store/fixtures';
import { useEstRig } from './est-rig';
import type { FakeEstServer } from './fake-est-server';

jest.setTimeout(60_000);

let csr: Uint8Array;
let store: Store;
let server: FakeEstServer;
let client: EstClient;

useEstRig({
  prefix: 'sync-steps',
  csrs: 1,
  responseTimeoutMs: 1000,
  ready: (rig) => {
    ({ store, server, client } = rig);
    csr = rig.nextCsr();
  },
});

function queueSign(): { appId: string; rowId: string } {
  const app = store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
  const rowId = randomUUID();
  store.recordTransition({ applicationId: app.id, event: 'queue', outbox: [{ id: rowId, certificateKind: 'sign', csrDer: csr }], audit: { actor: 'clerk-1', action: 'application.queue' } });
  return { appId: app.id, rowId };
}

test('an issued row passes before-enroll, after-enroll and after-complete-row, each at its point', async () => {
  const { appId, rowId } = queueSign();
  const seen: { step: SyncStep; row: string; application: string; requests: number }[] = [];
  const engine = new SyncEngine({
    store,
    transport: client,
    onProgress: (step) => seen.push({ step, row: store.outbox.get(rowId).state, application: store.applications.get(appId).state, requests: server.seen.length }),
  });
  await engine.syncNow();
  expect(seen).toEqual([
    // Claimed, nothing asked yet.
    { step: 'sync-before-enroll', row: 'sending', application: 'queued', requests: 0 },
    // The CA answered; nothing of its answer is written yet (a crash here resends the same key).
    { step: 'sync-after-enroll', row: 'sending', application: 'queued', requests: 1 },
    // The certificate and the application's move are committed together.
    { step: 'sync-after-complete-row', row: 'done', application: 'issued', requests: 1 },
  ]);
});

test('a row the CA keeps pending passes no commit step; a listener that throws stops nothing', async () => {
  const pending = queueSign();
  const issued = queueSign();
  server.byKey.set(pending.rowId, ['status202']);
  const seen: SyncStep[] = [];
  const engine = new SyncEngine({
    store,
    transport: client,
    concurrency: 1,
    onProgress: (step) => {
      seen.push(step);
      throw new Error('a broken progress display');
    },
  });
  const result = await engine.syncNow();
  expect(result).toMatchObject({ attempted: 2, issued: 1, pending: 1 });
  expect(store.outbox.get(issued.rowId).state).toBe('done');
  expect(seen.filter((step) => step === 'sync-after-complete-row')).toHaveLength(1);
  expect(seen.filter((step) => step === 'sync-before-enroll')).toHaveLength(2);
});
