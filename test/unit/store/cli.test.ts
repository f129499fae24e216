import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/shells/cli/main';
import { ensureDataDir } from '../../../src/host/data-dir';
import { openDatabase } from '../../../src/store/open-database';
import { openTerminalDatabase } from '../../../src/host/terminal-database';
import { Store } from '../../../src/store/unit-of-work';
import { captureIo } from './cli-io';
import { fakeCsr, sampleApplication, tempDir } from './fixtures';

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir();
});
afterEach(() => t.cleanup());

function seed(dataDir: string): { rowId: string; failedId: string } {
  const { db, auditAnchor } = openTerminalDatabase(ensureDataDir(dataDir));
  try {
    const store = new Store(db, Date.now, auditAnchor);
    const app = store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
    const rowId = randomUUID();
    const failedId = randomUUID();
    store.recordTransition({
      applicationId: app.id,
      event: 'queue',
      outbox: [
        { id: rowId, certificateKind: 'sign', csrDer: fakeCsr('s') },
        { id: failedId, certificateKind: 'auth', csrDer: fakeCsr('a') },
      ],
      audit: { actor: 'clerk-1', action: 'application.queue' },
    });
    store.outbox.claimDue(10);
    store.outbox.markPermanent(failedId, 'EST_REJECTED', 'no');
    return { rowId, failedId };
  } finally {
    db.close();
  }
}

test('queue list --json on the --data directory shows every row, never personal data', async () => {
  const dataDir = join(t.dir, 'data');
  const { failedId } = seed(dataDir);
  const c = captureIo();
  expect(await main(['queue', 'list', '--json', '--data', dataDir], c.io)).toBe(0);
  const doc = JSON.parse(c.out());
  expect(doc.rows).toHaveLength(2);
  expect(doc.rows.find((r: { id: string }) => r.id === failedId)).toMatchObject({ state: 'failed_permanent', lastErrorCode: 'EST_REJECTED' });
  expect(doc.stats.counts.failed_permanent).toBe(1);
  expect(c.out()).not.toContain('研修');
});

test('queue show and retry by id; $MADOGUCHI_DATA is honoured', async () => {
  const dataDir = join(t.dir, 'env-data');
  const { failedId } = seed(dataDir);
  const show = captureIo({ MADOGUCHI_DATA: dataDir });
  expect(await main(['queue', 'show', failedId, '--json'], show.io)).toBe(0);
  expect(JSON.parse(show.out())).toMatchObject({ id: failedId, state: 'failed_permanent', applicationState: 'queued' });
  const retry = captureIo({ MADOGUCHI_DATA: dataDir });
  expect(await main(['queue', 'retry', failedId, '--json'], retry.io)).toBe(0);
  expect(JSON.parse(retry.out())).toMatchObject({ id: failedId, state: 'pending' });
  const missing = captureIo({ MADOGUCHI_DATA: dataDir });
  expect(await main(['queue', 'show', randomUUID()], missing.io)).toBe(3);
  expect(missing.err()).toContain('STORE_NOT_FOUND');
});

test('queue with a bad action is a usage error', async () => {
  const c = captureIo();
  expect(await main(['queue', 'frobnicate', '--data', join(t.dir, 'd')], c.io)).toBe(2);
});

test('audit verify reports an intact chain, then the tampered entry', async () => {
  const dataDir = join(t.dir, 'audit');
  seed(dataDir);
  const ok = captureIo();
  expect(await main(['audit', 'verify', '--json', '--data', dataDir], ok.io)).toBe(0);
  expect(JSON.parse(ok.out())).toMatchObject({ ok: true, entries: 2 });
  const { db } = openDatabase(join(dataDir, 'madoguchi.sqlite'));
  db.exec("DROP TRIGGER audit_never_updated; UPDATE audit SET actor = 'mallory' WHERE seq = 2");
  db.close();
  const broken = captureIo();
  expect(await main(['audit', 'verify', '--json', '--data', dataDir], broken.io)).toBe(1);
  expect(JSON.parse(broken.out())).toMatchObject({ ok: false, code: 'STORE_AUDIT_TAMPERED', brokenAtSeq: 2, reason: 'column_mismatch' });
});

test('the data directory is created owner-only', async () => {
  const dataDir = join(t.dir, 'fresh');
  const c = captureIo();
  expect(await main(['queue', 'list', '--data', dataDir], c.io)).toBe(0);
  expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  expect(statSync(join(dataDir, 'logs')).isDirectory()).toBe(true);
});
