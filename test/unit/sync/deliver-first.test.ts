/**
 * A visit is delivered first: after an outage with a long queue, the visit's own
 * requests go to the CA before the backlog, so the applicant at the counter leaves with the
 * certificates on the card when the CA is up. Rounds are bounded (`maxRowsPerRound`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { EstClient } from '../../../src/sync/est-client';
import { SyncEngine } from '../../../src/sync/sync-engine';
import { sampleApplication } from '../store/fixtures';
import { FakeEstServer } from './fake-est-server';
import { makeCa, makeCsr, makeTls, type TestCa, type TlsMaterial } from './test-pki';

jest.setTimeout(60_000);

const backlogApplications = 30; // 60 older rows
let dir: string;
let tls: TlsMaterial;
let ca: TestCa;
let impostor: TestCa;
let csrs: Uint8Array[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-first-'));
  tls = makeTls(dir);
  ca = await makeCa('Test JPKI CA');
  impostor = await makeCa('Impostor CA');
  csrs = await Promise.all(Array.from({ length: 4 }, (_, i) => makeCsr(`card ${i}`)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let db: Database;
let store: Store;
let server: FakeEstServer;
let client: EstClient;
let clock: number;
let csrIndex = 0;

beforeEach(async () => {
  clock = 1_800_000_000_000;
  db = openDatabase(join(mkdtempSync(join(dir, 'db-')), 'q.sqlite')).db;
  store = new Store(db, () => clock);
  server = new FakeEstServer(tls, ca, impostor);
  await server.listen();
  client = new EstClient({ url: server.url, trustAnchorPem: tls.caPem, clientCertPem: tls.clientCertPem, clientKeyPem: tls.clientKeyPem, responseTimeoutMs: 2000 });
});
afterEach(async () => {
  client.close();
  await server.close();
  db.close();
});

function nextCsr(): Uint8Array {
  const csr = csrs[csrIndex % csrs.length];
  csrIndex += 1;
  if (csr === undefined) throw new Error('no csr');
  return csr;
}

function queue(): { appId: string; rows: string[] } {
  const app = store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
  const rows = [randomUUID(), randomUUID()];
  store.recordTransition({
    applicationId: app.id,
    event: 'queue',
    outbox: [
      { id: rows[0] ?? '', certificateKind: 'sign', csrDer: nextCsr() },
      { id: rows[1] ?? '', certificateKind: 'auth', csrDer: nextCsr() },
    ],
    audit: { actor: 'clerk-1', action: 'application.queue' },
  });
  // Older rows are older: each application a second after the one before.
  clock += 1000;
  return { appId: app.id, rows };
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
