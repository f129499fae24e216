import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTrainingCaDir } from '../../../src/ca/hierarchy';
import { main } from '../../../src/host/cli/main';
import { ensureDataDir } from '../../../src/host/data-dir';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { captureIo } from '../store/cli-io';
import { sampleApplication } from '../store/fixtures';
import { FakeEstServer } from './fake-est-server';
import { makeCa, makeCsr, makeTls } from './test-pki';
import { productionBase } from '../../support/terminal-config';

jest.setTimeout(30_000);

let dir: string;
let server: FakeEstServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-cli-sync-'));
  const tls = makeTls(dir);
  server = new FakeEstServer(tls, await makeCa('CLI CA'), await makeCa('Other'));
  await server.listen();
  writeFileSync(join(dir, 'ca.pem'), tls.caPem);
  writeFileSync(join(dir, 'client.pem'), tls.clientCertPem);
  writeFileSync(join(dir, 'client.key'), tls.clientKeyPem);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('sync --once --json delivers the queue of the data directory to the configured CA', async () => {
  const dataDir = join(dir, 'terminal');
  const paths = ensureDataDir(dataDir);
  writeFileSync(
    paths.config,
    JSON.stringify({ ...productionBase, ca: { url: server.url, trustAnchorPem: join(dir, 'ca.pem'), clientCertPem: join(dir, 'client.pem'), clientKeyPem: join(dir, 'client.key') } }),
  );
  const { db } = openDatabase(paths.database);
  const store = new Store(db);
  const app = store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
  store.recordTransition({
    applicationId: app.id,
    event: 'queue',
    outbox: [
      { id: randomUUID(), certificateKind: 'sign', csrDer: await makeCsr('s') },
      { id: randomUUID(), certificateKind: 'auth', csrDer: await makeCsr('a') },
    ],
    audit: { actor: 'clerk-1', action: 'application.queue' },
  });
  db.close();

  const c = captureIo();
  expect(await main(['sync', '--once', '--json', '--data', dataDir], c.io)).toBe(0);
  const doc = JSON.parse(c.out());
  expect(doc.round).toEqual({ attempted: 2, issued: 2, revoked: 0, pending: 0, retryable: 0, permanent: 0 });
  expect(doc.status).toMatchObject({ depth: 0, caReachable: true, lastError: null });

  const reopened = openDatabase(paths.database).db;
  expect(new Store(reopened).applications.get(app.id).state).toBe('issued');
  reopened.close();
});

test('a configured terminal without a CA section fails with a clear code', async () => {
  const paths = ensureDataDir(join(dir, 'no-ca'));
  writeFileSync(paths.config, JSON.stringify({ ...productionBase, terminalId: 't-2' }));
  const c = captureIo();
  expect(await main(['sync', '--once', '--data', paths.dir], c.io)).toBe(3);
  expect(c.err()).toContain('CONFIG_NO_CA');
});

test('a training terminal (no config) syncs to the in-process training CA, or says why it cannot', async () => {
  const c = captureIo();
  const code = await main(['sync', '--once', '--json', '--data', join(dir, 'training')], c.io);
  if (findTrainingCaDir() === undefined) {
    expect(code).toBe(3);
    expect(c.err()).toContain('CONFIG_NO_CA');
  } else {
    expect(code).toBe(0);
    expect(JSON.parse(c.out())).toMatchObject({ round: { attempted: 0 }, status: { depth: 0 } });
  }
});
