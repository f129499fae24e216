/**
 * `madoguchi queue acknowledge ID`: a request refused for good needs nothing more — recorded with
 * who and when, audited like the queue screen's button; anything else is refused with its code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDataDir } from '../../../../src/host/data-dir';
import { main } from '../../../../src/shells/cli/main';
import { openTerminalDatabase } from '../../../../src/host/terminal-database';
import { Store } from '../../../../src/store/unit-of-work';
import { captureIo } from '../../store/cli-io';
import { seedCounterDay } from '../../../support/day-seed';

let root: string;
let dataDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'madoguchi-queue-ack-'));
  dataDir = join(root, 'terminal');
  seedCounterDay(dataDir, '2026-12-04', '2026-12-03');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function readStore<T>(read: (store: Store) => T): T {
  const { db, auditAnchor } = openTerminalDatabase(ensureDataDir(dataDir));
  try {
    return read(new Store(db, Date.now, auditAnchor));
  } finally {
    db.close();
  }
}

const rowIn = (state: string) => readStore((store) => store.outbox.list().rows.find((r) => r.state === state)?.id ?? '');

describe('madoguchi queue acknowledge', () => {
  it('acknowledges a request refused for good, with who, when and an audit entry, and it stops counting as needing a clerk', async () => {
    const id = rowIn('failed_permanent');
    expect(readStore((s) => s.outbox.stats().needsClerk)).toBe(1);
    const c = captureIo();
    expect(await main(['queue', 'acknowledge', id, '--json', '--data', dataDir], c.io)).toBe(0);
    expect(JSON.parse(c.out())).toMatchObject({ id, state: 'failed_permanent', acknowledgedBy: 'cli' });
    readStore((store) => {
      expect(store.outbox.stats().needsClerk).toBe(0);
      expect(store.outbox.get(id).acknowledgedAt).not.toBeNull();
      const audit = store.audit.list({ subject: id }).rows.filter((e) => e.action === 'outbox.acknowledged');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'cli', details: { kind: 'enroll', lastErrorCode: 'CA_BAD_CSR' } });
    });
  });

  it('refuses a request that is not refused for good, and an id that does not exist, changing nothing', async () => {
    const waiting = rowIn('pending');
    const c = captureIo();
    expect(await main(['queue', 'acknowledge', waiting, '--data', dataDir], c.io)).not.toBe(0);
    expect(c.err()).toMatch(/STATE|state/);
    const missing = captureIo();
    expect(await main(['queue', 'acknowledge', '00000000-0000-4000-8000-000000000000', '--data', dataDir], missing.io)).not.toBe(0);
    readStore((store) => {
      expect(store.outbox.get(waiting).acknowledgedAt).toBeNull();
      expect(store.audit.listByAction('outbox.acknowledged', 0, Number.MAX_SAFE_INTEGER).rows).toHaveLength(0);
    });
  });

  it('needs an id', async () => {
    const c = captureIo();
    expect(await main(['queue', 'acknowledge', '--data', dataDir], c.io)).toBe(2);
    expect(c.err()).toContain('needs an outbox id');
  });
});
