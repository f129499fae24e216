/**
 * A visit is delivered first: after an outage with a long queue, the visit's own
 * requests go to the CA before the backlog, so the applicant at the counter leaves with the
 * certificates on the card when the CA is up. Rounds are bounded (`maxRowsPerRound`).
 */
import type { Store } from '../../../src/store/unit-of-work';
import { EstClient } from '../../../src/sync/est-client';
import { SyncEngine } from '../../../src/sync/sync-engine';
import { queueSample, useEstRig, type EstRig } from './est-rig';
import type { FakeEstServer } from './fake-est-server';
import type { TlsMaterial } from './test-pki';

jest.setTimeout(60_000);

const backlogApplications = 30; // 60 older rows
let tls: TlsMaterial;
let store: Store;
let server: FakeEstServer;
let client: EstClient;
let clock: number;
let rig: EstRig;

beforeEach(() => {
  clock = 1_800_000_000_000;
});

useEstRig({ prefix: 'first', csrs: 4, responseTimeoutMs: 2000, now: () => clock, ready: (r) => ({ tls, store, server, client } = rig = r) });

function queue(): { appId: string; rows: string[] } {
  const { appId, sign, auth } = queueSample(rig);
  // Older rows are older: each application a second after the one before.
  clock += 1000;
  return { appId, rows: [sign, auth] };
}

function backlog(): string[] {
  return Array.from({ length: backlogApplications }, () => queue().rows).flat();
}

test('syncNow({ first }) sends the visit before a backlog of 60 older rows, within a bounded round', async () => {
  const older = backlog();
  expect(older.length).toBeGreaterThanOrEqual(50);
  const visit = queue();
  const engine = new SyncEngine({ store, transport: client, now: () => clock, random: () => 0.5, concurrency: 2, maxRowsPerRound: 4 });
  const round = await engine.syncNow({ first: visit.rows });
  expect(round.attempted).toBeLessThanOrEqual(4);
  expect(server.seen.slice(0, 2).map((s) => s.idempotencyKey).sort()).toEqual([...visit.rows].sort());
  expect(store.applications.get(visit.appId).state).toBe('issued');
  // The backlog waits for later rounds: nothing of it was lost or skipped.
  const waiting = older.filter((id) => store.outbox.get(id).state === 'pending');
  expect(waiting.length).toBeGreaterThanOrEqual(older.length - 2);
});

test('deliverFirst resolves once the visit rows were tried, without waiting for the backlog', async () => {
  const older = backlog();
  const visit = queue();
  const engine = new SyncEngine({ store, transport: client, now: () => clock, random: () => 0.5, concurrency: 2, maxRowsPerRound: 6 });
  await engine.deliverFirst(visit.rows);
  expect(store.applications.get(visit.appId).state).toBe('issued');
  for (const id of visit.rows) expect(store.outbox.get(id).state).toBe('done');
  // At most one bounded round touched the backlog.
  expect(older.filter((id) => store.outbox.get(id).state === 'done').length).toBeLessThanOrEqual(4);
});

test('a visit row that is backing off is still sent first when the visit asks', async () => {
  backlog();
  const visit = queue();
  server.byKey.set(visit.rows[0] ?? '', ['status503', 'ok']);
  const engine = new SyncEngine({ store, transport: client, now: () => clock, random: () => 0.5, concurrency: 2, maxRowsPerRound: 2 });
  await engine.syncNow({ first: visit.rows });
  expect(store.outbox.get(visit.rows[0] ?? '').state).toBe('failed_retryable');
  // Not due yet by its backoff, but the applicant is at the counter now.
  await engine.deliverFirst([visit.rows[0] ?? '']);
  expect(store.outbox.get(visit.rows[0] ?? '').state).toBe('done');
  expect(store.applications.get(visit.appId).state).toBe('issued');
});

test('when the CA is down, deliverFirst still resolves and the rows stay queued', async () => {
  backlog();
  const visit = queue();
  // Nothing listens on port 1 of the loopback: the CA is unreachable.
  const down = new EstClient({ url: 'https://127.0.0.1:1', trustAnchorPem: tls.caPem, clientCertPem: tls.clientCertPem, clientKeyPem: tls.clientKeyPem, responseTimeoutMs: 2000 });
  const engine = new SyncEngine({ store, transport: down, now: () => clock, random: () => 0.5, concurrency: 2, maxRowsPerRound: 4 });
  await engine.deliverFirst(visit.rows);
  expect(store.applications.get(visit.appId).state).toBe('queued');
  for (const id of visit.rows) expect(['pending', 'failed_retryable']).toContain(store.outbox.get(id).state);
  expect(engine.status().caReachable).toBe(false);
  down.close();
});
