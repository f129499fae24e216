import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/host/cli/main';
import { ensureDataDir } from '../../../src/host/data-dir';
import { openTerminalDatabase } from '../../../src/host/terminal-database';
import { Store } from '../../../src/store/unit-of-work';
import type { NewApplication } from '../../../src/store/applications-repo';
import { captureIo } from '../store/cli-io';
import { fakeCsr, sampleApplication } from '../store/fixtures';

const at = (jst: string): number => Date.parse(`${jst}+09:00`);
const issued = (serial: string) => ({ responseDer: new Uint8Array([1]), certificateDer: new Uint8Array([2]), certificateSerial: serial, notAfter: '2031-05-10T14:59:59.000Z' });

let root: string;
let dataDir: string;

/** One counter day, 2026-12-04, written through the store the way the procedures write it. */
function seedDay(): void {
  const paths = ensureDataDir(dataDir);
  const { db, auditAnchor } = openTerminalDatabase(paths);
  let clock = at('2026-12-04T08:40:00');
  const store = new Store(db, () => clock, auditAnchor);
  const add = (when: string, over: Partial<NewApplication>, outbox: { sign?: boolean; auth?: boolean } = {}, refusals: string[] = []) => {
    clock = at(when);
    // As the procedures write it: a refused visit is recorded with its reasons in the audit log.
    const audit = over.state === 'rejected' ? { actor: over.clerkId ?? 'clerk-1', action: 'application.rejected', details: { refusals } } : { actor: over.clerkId ?? 'clerk-1', action: 'application.create' };
    const app = store.recordNewApplication(sampleApplication(over), audit);
    const rows = (['sign', 'auth'] as const).filter((k) => outbox[k] === true).map((k) => ({ id: randomUUID(), certificateKind: k, csrDer: fakeCsr(`${app.id}-${k}`) }));
    if (rows.length > 0) store.recordTransition({ applicationId: app.id, event: 'queue', outbox: rows, audit: { actor: app.clerkId, action: 'application.queue' } });
    return { app, rows };
  };

  add('2026-12-03T16:30:00', { clerkId: 'clerk-1', state: 'completed' }); // the day before
  add('2026-12-04T09:00:00', { clerkId: 'clerk-1', state: 'completed' });
  add('2026-12-04T09:30:00', { clerkId: 'clerk-1', state: 'completed', feeYen: 200 }); // a re-issued card
  add('2026-12-04T10:00:00', { clerkId: 'clerk-2', procedure: 'resetPin', applicantType: 'legalRepresentative', state: 'completed' });
  add('2026-12-04T10:30:00', { clerkId: 'clerk-2', state: 'rejected' }, {}, ['juki-card']);
  add('2026-12-04T11:00:00', { clerkId: 'clerk-2', state: 'cancelled', feeYen: 200 });
  add('2026-12-04T11:30:00', { clerkId: 'clerk-2', applicantType: 'proxy', state: 'awaiting_reply' });
  // Offline in the afternoon: one fee-paying renewal queued, its sign certificate arrives, its auth one is refused for good.
  const renewal = add('2026-12-04T14:00:00', { clerkId: 'clerk-1', procedure: 'renew', feeYen: 200 }, { sign: true, auth: true });
  const queuedOnly = add('2026-12-04T15:00:00', { clerkId: 'clerk-1' }, { sign: true, auth: true });
  const [sign, auth] = renewal.rows;
  if (sign === undefined || auth === undefined || queuedOnly.rows.length !== 2) throw new Error('seed: rows missing');
  clock = at('2026-12-04T16:10:00');
  store.outbox.claimIds([sign.id, auth.id]);
  store.completeOutboxRow(sign.id, issued('0A01'));
  store.outbox.markPermanent(auth.id, 'CA_BAD_CSR', 'refused');
  db.close();
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'madoguchi-report-'));
  dataDir = join(root, 'terminal');
  seedDay();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('madoguchi report day', () => {
  it('--json gives the counts and the fee total of the seeded day', async () => {
    const c = captureIo();
    expect(await main(['report', 'day', '--date', '2026-12-04', '--json', '--data', dataDir], c.io)).toBe(0);
    const report = JSON.parse(c.out());
    expect(report.applications).toBe(8);
    expect(report.byProcedure).toEqual([
      { procedure: 'issue', applicantType: 'self', count: 5, outcomes: { done: 2, waiting: 1, refused: 1, cancelled: 1, failed: 0, open: 0 } },
      { procedure: 'issue', applicantType: 'proxy', count: 1, outcomes: { done: 0, waiting: 1, refused: 0, cancelled: 0, failed: 0, open: 0 } },
      { procedure: 'renew', applicantType: 'self', count: 1, outcomes: { done: 0, waiting: 1, refused: 0, cancelled: 0, failed: 0, open: 0 } },
      { procedure: 'resetPin', applicantType: 'legalRepresentative', count: 1, outcomes: { done: 1, waiting: 0, refused: 0, cancelled: 0, failed: 0, open: 0 } },
    ]);
    expect(report.certificatesIssued).toEqual({ sign: 1, auth: 0 });
    expect(report.refusals).toEqual([{ reason: 'juki-card', count: 1 }]);
    expect(report.fees).toEqual({
      totalYen: 400,
      feePaying: 2,
      byClerk: [
        { clerkId: 'clerk-1', applications: 4, feePaying: 2, yen: 400 },
        { clerkId: 'clerk-2', applications: 4, feePaying: 0, yen: 0 },
      ],
    });
    expect(report.openAtClose).toEqual({ waiting: 2, failedForGood: 1 });
  });

  it('--csv gives the same facts a line each, for a spreadsheet', async () => {
    const c = captureIo();
    expect(await main(['report', 'day', '--date', '2026-12-04', '--csv', '--data', dataDir], c.io)).toBe(0);
    const lines = c.out().split('\r\n');
    expect(lines[0]).toBe('section,key,detail,value');
    expect(lines).toContain('date,2026-12-04,counter_day,8');
    expect(lines).toContain('procedure,issue,self,5');
    expect(lines).toContain('clerk,clerk-1,fee_yen,400');
    expect(lines).toContain('fee_total,yen,,400');
    expect(lines).toContain('open_at_close,failed_for_good,,1');
  });

  it('a day without visits is a report of zeros, and a bad date is a usage error', async () => {
    const quiet = captureIo();
    expect(await main(['report', 'day', '--date', '2026-12-05', '--json', '--data', dataDir], quiet.io)).toBe(0);
    expect(JSON.parse(quiet.out())).toMatchObject({ applications: 0, counterDay: false, fees: { totalYen: 0 }, openAtClose: { waiting: 2, failedForGood: 1 } });
    const bad = captureIo();
    expect(await main(['report', 'day', '--date', '2026-13-01', '--data', dataDir], bad.io)).toBe(2);
    expect(bad.err()).toContain('--date');
  });
});
