import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { startReferenceCa, type ReferenceCa } from '../../../src/ca/reference-ca';
import { caLabels } from '../../../src/domain/vocabulary';
import { parseCertificate } from '../../../src/pki/jpki-certificate';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { defaultBackoff } from '../../../src/sync/backoff';
import { EstClient } from '../../../src/sync/est-client';
import { SyncEngine } from '../../../src/sync/sync-engine';
import { DroppingProxy } from './dropping-proxy';
import { queueIssuance, type QueuedIssuance } from './queued-issuance';

jest.setTimeout(120_000);

const basicInfo = { name: '研修 花子', address: '岐阜県各務原市那加桜町1丁目69番地', birthDate: '1990-05-10', sex: '2' } as const;

let root: string;
let caDir: string;
let ca: ReferenceCa;
let db: Database;
let store: Store;
let clock: number;

async function queueApplication(): Promise<QueuedIssuance> {
  return queueIssuance(store, basicInfo);
}

function clientFor(url: string): EstClient {
  return new EstClient({ url, trustAnchorPem: ca.tlsCaPem, clientCertPem: ca.clientCertPem, clientKeyPem: ca.clientKeyPem, connectTimeoutMs: 3000, responseTimeoutMs: 20_000 });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'madoguchi-sync-int-'));
  caDir = join(root, 'ca');
  ca = await startReferenceCa({ dataDir: caDir, port: 0 });
});

afterAll(async () => {
  await ca.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  clock = Date.now();
  db = openDatabase(join(mkdtempSync(join(root, 'terminal-')), 'madoguchi.sqlite')).db;
  store = new Store(db, () => clock);
});
afterEach(() => db.close());

test('the CA goes down with rows queued, comes back, and every row is issued exactly once', async () => {
  const port = ca.port;
  const client = clientFor(ca.url);
  try {
    await ca.close();
    const queued = [await queueApplication(), await queueApplication(), await queueApplication()];
    const engine = new SyncEngine({ store, transport: client, now: () => clock, concurrency: 3 });
    const down = await engine.syncNow();
    expect(down.issued).toBe(0);
    expect(engine.status()).toMatchObject({ caReachable: false, depth: 6 });
    expect(store.outbox.stats().counts.done).toBe(0);

    ca = await startReferenceCa({ dataDir: caDir, port });
    for (let round = 0; round < 6 && store.outbox.stats().depth > 0; round += 1) {
      clock += defaultBackoff.capMs;
      await engine.syncNow();
    }
    expect(store.outbox.stats()).toMatchObject({ depth: 0, counts: { done: 6, failed_permanent: 0 } });
    for (const q of queued) {
      expect(store.applications.get(q.appId).state).toBe('issued');
      for (const row of q.rows) {
        const record = store.outbox.get(row.id);
        const cert = parseCertificate(record.certificateDer ?? new Uint8Array());
        expect(cert.spkiSha256).toBe(row.spkiSha256);
        expect(cert.serialHex).toBe(record.certificateSerial);
        // Exactly once: the CA holds one certificate for this card key and profile.
        expect(ca.service.certificatesForKey(caLabels[row.kind], row.spkiSha256)).toHaveLength(1);
        const pickedUp = await client.certsForSpki(caLabels[row.kind], row.spkiSha256);
        expect(pickedUp.map((c) => c.serialHex)).toEqual([record.certificateSerial]);
      }
    }
  } finally {
    client.close();
  }
});

test('a response lost after the CA committed: the retry gets the same certificate', async () => {
  const proxy = new DroppingProxy(
    {
      serverCertPem: readFileSync(ca.files.serverCert, 'utf8'),
      serverKeyPem: readFileSync(ca.files.serverKey, 'utf8'),
      tlsCaPem: ca.tlsCaPem,
      clientCertPem: ca.clientCertPem,
      clientKeyPem: ca.clientKeyPem,
    },
    ca.port,
  );
  await proxy.listen();
  const client = clientFor(proxy.url);
  try {
    const q = await queueApplication();
    proxy.dropsLeft = 2;
    const engine = new SyncEngine({ store, transport: client, now: () => clock, concurrency: 2 });
    const first = await engine.syncNow();
    expect(proxy.dropped).toBe(2);
    expect(first.issued).toBe(0);
    for (const row of q.rows) {
      expect(store.outbox.get(row.id).state).toBe('failed_retryable');
      // The CA did issue: the answer was lost on the way back.
      expect(ca.service.certificatesForKey(caLabels[row.kind], row.spkiSha256)).toHaveLength(1);
    }
    clock += defaultBackoff.capMs;
    await engine.syncNow();
    for (const row of q.rows) {
      const record = store.outbox.get(row.id);
      expect(record.state).toBe('done');
      const atCa = ca.service.certificatesForKey(caLabels[row.kind], row.spkiSha256);
      expect(atCa).toHaveLength(1);
      expect(record.certificateSerial).toBe(atCa[0]?.serial);
    }
    expect(store.applications.get(q.appId).state).toBe('issued');
  } finally {
    client.close();
    await proxy.close();
  }
});

test('a CA that answers 202 + Retry-After first: the engine waits as told and then gets the certificate', async () => {
  const slowCa = await startReferenceCa({ dataDir: join(root, 'slow-ca'), port: 0, behaviour: { pendingPolls: 2, retryAfterSeconds: 7 } });
  const client = new EstClient({ url: slowCa.url, trustAnchorPem: slowCa.tlsCaPem, clientCertPem: slowCa.clientCertPem, clientKeyPem: slowCa.clientKeyPem });
  try {
    const q = await queueApplication();
    const engine = new SyncEngine({ store, transport: client, now: () => clock });
    const first = await engine.syncNow();
    expect(first.pending).toBe(2);
    for (const row of q.rows) expect(store.outbox.get(row.id)).toMatchObject({ state: 'failed_retryable', lastErrorCode: 'EST_PENDING', nextAttemptAt: clock + 7000 });
    expect((await engine.syncNow()).attempted).toBe(0);
    for (let round = 0; round < 5 && store.outbox.stats().depth > 0; round += 1) {
      clock += 7000;
      await engine.syncNow();
    }
    expect(store.applications.get(q.appId).state).toBe('issued');
    const sign = store.outbox.get(q.rows[0]?.id ?? '');
    expect(slowCa.service.certificatesForKey(caLabels.sign, q.rows[0]?.spkiSha256 ?? '')).toHaveLength(1);
    // The revocation extension: revoke the signing certificate, it is no longer picked up.
    await client.revoke(caLabels.sign, { serial: sign.certificateSerial ?? '', reason: 'unspecified' });
    expect(await client.certsForSpki(caLabels.sign, q.rows[0]?.spkiSha256 ?? '')).toEqual([]);
  } finally {
    client.close();
    await slowCa.close();
  }
});
