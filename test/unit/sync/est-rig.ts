/**
 * The set-up the sync engine's unit files share: TLS material and a test CA for the file, and
 * for each test a fresh store (on the test's clock) and a fake EST server over HTTPS on
 * 127.0.0.1 with a client for it. Everything is closed and removed after each test and file.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { EstClient } from '../../../src/sync/est-client';
import { sampleApplication } from '../store/fixtures';
import { FakeEstServer } from './fake-est-server';
import { makeCa, makeCsr, makeTls, type TestCa, type TlsMaterial } from './test-pki';

export interface EstRig {
  /** The client's and the server's TLS material. */
  readonly tls: TlsMaterial;
  readonly db: Database;
  readonly store: Store;
  readonly server: FakeEstServer;
  readonly client: EstClient;
  /** The file's CSRs in turn, from the first again for each test. */
  nextCsr(): Uint8Array;
}

export interface EstRigOptions {
  /** Names the scratch directory. */
  readonly prefix: string;
  /** How many distinct CSRs to make for the file. */
  readonly csrs: number;
  readonly responseTimeoutMs: number;
  /** The store's clock; the store's own when not given. */
  readonly now?: () => number;
  readonly ready: (rig: EstRig) => void;
}

/** Registers the hooks; `ready` receives each test's rig. */
export function useEstRig(options: EstRigOptions): void {
  let dir: string | undefined;
  let tls: TlsMaterial;
  let ca: TestCa;
  let impostor: TestCa;
  let csrs: Uint8Array[] = [];
  let rig: EstRig | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `madoguchi-${options.prefix}-`));
    tls = makeTls(dir);
    ca = await makeCa('Test JPKI CA');
    impostor = await makeCa('Impostor CA');
    csrs = await Promise.all(Array.from({ length: options.csrs }, (_, i) => makeCsr(`card ${i}`)));
  });
  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    if (dir === undefined) throw new Error('the rig did not start');
    let csrIndex = 0;
    const db = openDatabase(join(mkdtempSync(join(dir, 'db-')), 'q.sqlite')).db;
    const store = options.now === undefined ? new Store(db) : new Store(db, options.now);
    const server = new FakeEstServer(tls, ca, impostor);
    await server.listen();
    const client = new EstClient({ url: server.url, trustAnchorPem: tls.caPem, clientCertPem: tls.clientCertPem, clientKeyPem: tls.clientKeyPem, responseTimeoutMs: options.responseTimeoutMs });
    rig = {
      tls,
      db,
      store,
      server,
      client,
      nextCsr() {
        const csr = csrs[csrIndex % csrs.length];
        csrIndex += 1;
        if (csr === undefined) throw new Error('no csr');
        return csr;
      },
    };
    options.ready(rig);
  });
  afterEach(async () => {
    rig?.client.close();
    await rig?.server.close();
    rig?.db.close();
    rig = undefined;
  });
}

/** One sample application queued with a signing and an authentication request: their outbox ids. */
export function queueSample(rig: Pick<EstRig, 'store' | 'nextCsr'>): { appId: string; sign: string; auth: string } {
  const app = rig.store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
  const sign = randomUUID();
  const auth = randomUUID();
  rig.store.recordTransition({
    applicationId: app.id,
    event: 'queue',
    outbox: [
      { id: sign, certificateKind: 'sign', csrDer: rig.nextCsr() },
      { id: auth, certificateKind: 'auth', csrDer: rig.nextCsr() },
    ],
    audit: { actor: 'clerk-1', action: 'application.queue' },
  });
  return { appId: app.id, sign, auth };
}
