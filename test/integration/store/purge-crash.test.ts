/**
 * R-RET-7: a purge killed mid-run (SIGKILL inside an application's transaction) leaves every
 * application either whole or purged, a sound file, and a next run that finishes the job.
 * Needs the build (dist/), like the other child-process tests.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../../../src/store/open-database';
import { hmacAuditSigner } from '../../../src/store/audit-entry';
import { Store } from '../../../src/store/unit-of-work';
import { sampleApplication, tempDir } from '../../unit/store/fixtures';

jest.setTimeout(60_000);

const repoRoot = join(__dirname, '..', '..', '..');

/** The same audit key as purge-runner.ts: both sides of the kill write one keyed chain. */
const signer = hmacAuditSigner(Buffer.alloc(32, 7));

function seed(file: string, count: number): string[] {
  const { db } = openDatabase(file);
  const store = new Store(db, () => 1_700_000_000_000, { signer });
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const app = store.recordNewApplication(sampleApplication(), { actor: 'clerk-1', action: 'application.create' });
    const rows = (['sign', 'auth'] as const).map((kind) => ({ id: randomUUID(), certificateKind: kind, csrDer: new Uint8Array(Buffer.from(`csr ${kind} ${app.id} 研修 太郎`)) }));
    store.recordTransition({ applicationId: app.id, event: 'queue', outbox: rows, audit: { actor: 'clerk-1', action: 'application.queue' } });
    store.outbox.claimIds(rows.map((r) => r.id));
    for (const r of rows) store.completeOutboxRow(r.id, { responseDer: new Uint8Array([1, 2]), certificateDer: new Uint8Array([3, 4]), certificateSerial: '01', notAfter: '2031-05-10T14:59:59.000Z' });
    store.recordTransition({ applicationId: app.id, from: 'issued', to: 'written', audit: { actor: 'clerk-1', action: 'application.written' } });
    store.recordTransition({ applicationId: app.id, from: 'written', to: 'completed', audit: { actor: 'clerk-1', action: 'application.completed' } });
    ids.push(app.id);
  }
  db.close();
  return ids;
}

/** Runs the child until it says `mid`, then SIGKILLs it; resolves with its exit signal. */
function killMidPurge(file: string): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'test', 'integration', 'store', 'purge-runner.js'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`purge-runner never reached the kill point: ${out} ${err}`));
    }, 30_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      if (out.includes('mid')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

test('R-RET-7 a purge killed inside a transaction: each application whole or purged, the next run finishes, a third changes nothing', async () => {
  const t = tempDir();
  try {
    const file = join(t.dir, 'terminal.sqlite');
    const ids = seed(file, 5);
    expect(await killMidPurge(file)).toBe('SIGKILL');

    const { db } = openDatabase(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const store = new Store(db, () => 1_700_000_000_000, { signer });
      const purged = ids.filter((id) => store.applications.get(id).personalDataPurgedAt !== null);
      // The first transaction committed; the one killed in flight rolled back entirely.
      expect(purged).toHaveLength(1);
      for (const id of ids) {
        const app = store.applications.get(id);
        const rows = store.outbox.list({ applicationId: id }).rows;
        expect(rows).toHaveLength(2);
        if (app.personalDataPurgedAt === null) {
          expect(app.basicInfo).not.toBeNull();
          for (const r of rows) {
            expect(r.personalDataPurgedAt).toBeNull();
            expect(createHash('sha256').update(r.csrDer).digest('hex')).toBe(r.csrSha256);
            expect(r.certificateDer).not.toBeNull();
          }
        } else {
          expect(app.basicInfo).toBeNull();
          for (const r of rows) expect(r).toMatchObject({ certificateDer: null, responseDer: null, personalDataPurgedAt: app.personalDataPurgedAt });
        }
      }
      expect(store.audit.verifyChain().ok).toBe(true);
      expect(store.audit.list().rows.filter((e) => e.action === 'personalData.purge')).toHaveLength(1);

      expect(store.purgePersonalData().sort()).toEqual(ids.filter((id) => !purged.includes(id)).sort());
      expect(store.purgePersonalData()).toEqual([]);
      expect(store.audit.list().rows.filter((e) => e.action === 'personalData.purge')).toHaveLength(ids.length);
    } finally {
      db.close();
    }
  } finally {
    t.cleanup();
  }
});
