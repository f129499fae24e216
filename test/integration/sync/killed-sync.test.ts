import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startReferenceCa, type ReferenceCa } from '../../../src/ca/reference-ca';
import { caLabels } from '../../../src/domain/vocabulary';
import { ensureDataDir } from '../../../src/host/data-dir';
import { openTerminalDatabase } from '../../../src/host/terminal-database';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { EstClient } from '../../../src/sync/est-client';
import { SyncEngine } from '../../../src/sync/sync-engine';
import { productionBase } from '../../support/terminal-config';
import { queueIssuance, type QueuedIssuance } from './queued-issuance';

jest.setTimeout(120_000);

const bin = resolve(__dirname, '../../../bin/madoguchi');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let root: string;
let ca: ReferenceCa;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'madoguchi-killed-sync-'));
  // Each issuance takes a while, so the kill lands while requests are in flight.
  ca = await startReferenceCa({ dataDir: join(root, 'ca'), port: 0, behaviour: { issueDelayMs: 1500 } });
});
afterAll(async () => {
  await ca.close();
  rmSync(root, { recursive: true, force: true });
});

test('a sync process killed mid-request: its rows are recovered on open and issued exactly once', async () => {
  const paths = ensureDataDir(join(root, 'terminal'));
  writeFileSync(paths.config, JSON.stringify({ ...productionBase, ca: { url: ca.url, trustAnchorPem: ca.files.tlsCaCert, clientCertPem: ca.files.clientCert, clientKeyPem: ca.files.clientKey } }));
  let queued: QueuedIssuance;
  {
    const { db, auditAnchor } = openTerminalDatabase(paths);
    const store = new Store(db, Date.now, auditAnchor);
    queued = await queueIssuance(store, { name: '研修 次郎', address: '岐阜県各務原市那加桜町1丁目69番地', birthDate: '1990-05-10', sex: '1' }, () => 'CARD-K');
    db.close();
  }
  const { appId, rows } = queued;

  const child = spawn(process.execPath, [bin, 'sync', '--data', paths.dir], { stdio: 'ignore' });
  try {
    // Wait (bounded) until the child has claimed the rows, then kill it without warning.
    let sending = 0;
    for (let i = 0; i < 100 && sending < 2; i += 1) {
      await sleep(100);
      const { db } = openDatabase(paths.database, { recoverInterrupted: false });
      sending = Number(db.prepare("SELECT COUNT(*) FROM outbox WHERE state = 'sending'").pluck().get());
      db.close();
    }
    expect(sending).toBe(2);
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }

  const reopened = openDatabase(paths.database);
  expect(reopened.recoveredOutboxRows).toBe(2);
  // The store and the engine share one clock: the store decides which rows are due.
  let clock = Date.now();
  const store = new Store(reopened.db, () => clock);
  const client = new EstClient({ url: ca.url, trustAnchorPem: ca.tlsCaPem, clientCertPem: ca.clientCertPem, clientKeyPem: ca.clientKeyPem });
  const engine = new SyncEngine({ store, transport: client, now: () => clock });
  try {
    // The CA may still be busy with the dead process's requests (409 in progress): retry, bounded.
    // Bounded in count and in wall time; the clock jumps past any backoff between rounds.
    const deadline = Date.now() + 60_000;
    for (let i = 0; i < 60 && Date.now() < deadline && store.outbox.stats().depth > 0; i += 1) {
      await engine.syncNow();
      if (store.outbox.stats().depth === 0) break;
      await sleep(500);
      clock += 24 * 60 * 60_000;
    }
    const leftover = rows.map((r) => store.outbox.get(r.id)).filter((row) => row.state !== 'done');
    expect(leftover.map((row) => `${row.state} ${row.lastErrorCode ?? ''}`)).toEqual([]);
    expect(store.outbox.stats()).toMatchObject({ depth: 0, counts: { done: 2 } });
    expect(store.applications.get(appId).state).toBe('issued');
    for (const r of rows) {
      const atCa = ca.service.certificatesForKey(caLabels[r.kind], r.spkiSha256);
      expect(atCa).toHaveLength(1);
      expect(store.outbox.get(r.id).certificateSerial).toBe(atCa[0]?.serial);
    }
  } finally {
    client.close();
    reopened.db.close();
  }
});
