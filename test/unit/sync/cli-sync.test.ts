import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTrainingCaDir } from '../../../src/ca/hierarchy';
import { main } from '../../../src/shells/cli/main';
import { ensureDataDir } from '../../../src/host/data-dir';
import { openTerminalDatabase } from '../../../src/host/terminal-database';
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

/** A data directory whose configuration points at the fake CA with the file's TLS material. */
function configureDataDir(dataDir: string): ReturnType<typeof ensureDataDir> {
  const paths = ensureDataDir(dataDir);
  writeFileSync(
    paths.config,
    JSON.stringify({ ...productionBase, ca: { url: server.url, trustAnchorPem: join(dir, 'ca.pem'), clientCertPem: join(dir, 'client.pem'), clientKeyPem: join(dir, 'client.key') } }),
  );
  return paths;
}

test('sync --once --json delivers the queue of the data directory to the configured CA', async () => {
  const dataDir = join(dir, 'terminal');
  const paths = configureDataDir(dataDir);
  const { db, auditAnchor } = openTerminalDatabase(paths);
  const store = new Store(db, Date.now, auditAnchor);
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
  expect(doc.round).toEqual({ attempted: 2, issued: 2, revoked: 0, pending: 0, retryable: 0, permanent: 0, untouched: 0, stoppedBy: null });
  expect(doc.status).toMatchObject({ depth: 0, caReachable: true, lastError: null });

  const reopened = openDatabase(paths.database).db;
  expect(new Store(reopened).applications.get(app.id).state).toBe('issued');
  reopened.close();
});

/** A configured data directory against the fake CA, with `count` queued rows. */
async function configuredTerminal(name: string, count: number): Promise<{ dataDir: string; ids: string[] }> {
  const dataDir = join(dir, name);
  const paths = configureDataDir(dataDir);
  const { db, auditAnchor } = openTerminalDatabase(paths);
  const store = new Store(db, Date.now, auditAnchor);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 2) {
    const app = store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
    const rows = [
      { id: randomUUID(), certificateKind: 'sign' as const, csrDer: await makeCsr(`s${i}`) },
      { id: randomUUID(), certificateKind: 'auth' as const, csrDer: await makeCsr(`a${i}`) },
    ];
    store.recordTransition({ applicationId: app.id, event: 'queue', outbox: rows, audit: { actor: 'clerk-1', action: 'application.queue' } });
    ids.push(...rows.map((r) => r.id));
  }
  db.close();
  return { dataDir, ids };
}

test.each([
  ['status401', 'EST_UNAUTHORIZED'],
  ['status403', 'EST_UNAUTHORIZED'],
] as const)('sync --once refused by the CA (%s): exit 77, one reason, every row as it was; queue list says why', async (behaviour, code) => {
  const { dataDir, ids } = await configuredTerminal(`refused-${behaviour}`, 6);
  server.fallback = behaviour;
  try {
    const c = captureIo();
    expect(await main(['sync', '--once', '--json', '--data', dataDir], c.io)).toBe(77);
    const doc = JSON.parse(c.out());
    expect(doc.round).toMatchObject({ attempted: 0, permanent: 0, stoppedBy: { scope: 'terminal', code } });
    expect(doc.status).toMatchObject({ failedPermanent: 0, depth: 6, terminalError: { code } });
    expect(c.err()).toContain(`${code}: The CA did not accept this terminal`);

    const text = captureIo();
    expect(await main(['sync', '--once', '--data', dataDir], text.io)).toBe(77);
    expect(text.out()).toContain(`CA refuses this terminal (${code}`);

    const list = captureIo();
    expect(await main(['queue', 'list', '--json', '--data', dataDir], list.io)).toBe(0);
    const listed = JSON.parse(list.out());
    expect(listed.terminalError).toMatchObject({ code });
    expect(listed.rows.map((r: { id: string; state: string; attempts: number }) => [r.id, r.state, r.attempts])).toEqual(
      expect.arrayContaining(ids.map((id) => [id, 'pending', 0])),
    );
    const words = captureIo();
    expect(await main(['queue', 'list', '--data', dataDir], words.io)).toBe(0);
    expect(words.out()).toMatch(new RegExp(`sending stopped since .*: the CA refuses this terminal: ${code}`));

    // The CA accepts the terminal again: one explicit send delivers all and clears the reason.
    server.fallback = 'ok';
    const again = captureIo();
    expect(await main(['sync', '--once', '--json', '--data', dataDir], again.io)).toBe(0);
    expect(JSON.parse(again.out())).toMatchObject({ round: { issued: 6, stoppedBy: null }, status: { depth: 0, terminalError: null } });
    const cleared = captureIo();
    expect(await main(['queue', 'list', '--json', '--data', dataDir], cleared.io)).toBe(0);
    expect(JSON.parse(cleared.out()).terminalError).toBeNull();
  } finally {
    server.fallback = 'ok';
  }
});

test('sync --once sends rows whose backoff runs: "send the queue now" means now', async () => {
  const { dataDir, ids } = await configuredTerminal('backed-off', 4);
  const { db, auditAnchor } = openTerminalDatabase(ensureDataDir(dataDir));
  const store = new Store(db, Date.now, auditAnchor);
  const later = Date.now() + 15 * 60_000;
  for (const id of ids) {
    store.outbox.claimIds([id]);
    store.outbox.markRetryable(id, 'EST_NETWORK', 'ECONNREFUSED', later);
  }
  db.close();
  const c = captureIo();
  expect(await main(['sync', '--once', '--json', '--data', dataDir], c.io)).toBe(0);
  expect(JSON.parse(c.out())).toMatchObject({ round: { attempted: 4, issued: 4 }, status: { depth: 0 } });
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
