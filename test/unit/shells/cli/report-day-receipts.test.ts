/**
 * The day-end report names the day's applications by receipt number where it refers to them
 * (the list of the day, the refusals, the requests open at close) and never by the resident's
 * name; a request refused for good that a clerk acknowledged is counted apart.
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
  root = mkdtempSync(join(tmpdir(), 'madoguchi-report-receipts-'));
  dataDir = join(root, 'terminal');
  seedCounterDay(dataDir, '2026-12-04', '2026-12-03');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function jsonReport(): Promise<Record<string, unknown> & { receipts: { receiptNumber: string | null; outcome: string }[]; refusals: unknown[]; openAtClose: unknown }> {
  const c = captureIo();
  expect(await main(['report', 'day', '--date', '2026-12-04', '--json', '--data', dataDir], c.io)).toBe(0);
  return JSON.parse(c.out());
}

function acknowledgeTheRefusedRequest(): void {
  const { db, auditAnchor } = openTerminalDatabase(ensureDataDir(dataDir));
  try {
    const store = new Store(db, () => Date.now(), auditAnchor);
    const refused = store.outbox.list().rows.filter((r) => r.state === 'failed_permanent');
    expect(refused).toHaveLength(1);
    for (const row of refused) store.acknowledgeOutboxRow(row.id, 'clerk-1');
  } finally {
    db.close();
  }
}

describe('receipt numbers on the day-end report', () => {
  it('--json lists the day by receipt number, the refused ones under their reason and the open requests under theirs', async () => {
    const report = await jsonReport();
    expect(report.receipts.map((r) => r.receiptNumber)).toEqual(['20261204-001', '20261204-002', '20261204-003', '20261204-004', '20261204-005', '20261204-006', null, '20261204-007', '20261204-008']);
    expect(report.receipts[3]).toEqual({ receiptNumber: '20261204-004', procedure: 'issue', applicantType: 'self', outcome: 'refused', clerkId: 'clerk-2', feeYen: 0 });
    expect(report.refusals).toEqual([
      { reason: 'juki-card', count: 1, receiptNumbers: ['20261204-004'] },
      // Refused before the passwords: counted, but no application and so no number.
      { reason: 'other-municipality', count: 1, receiptNumbers: [] },
    ]);
    expect(report.openAtClose).toEqual({
      waiting: 2,
      failedForGood: 1,
      acknowledged: 0,
      requests: expect.arrayContaining([
        { receiptNumber: '20261204-007', kind: 'enroll', certificateKind: 'auth', state: 'failed' },
        { receiptNumber: '20261204-008', kind: 'enroll', certificateKind: 'sign', state: 'waiting' },
        { receiptNumber: '20261204-008', kind: 'enroll', certificateKind: 'auth', state: 'waiting' },
      ]),
    });
    // Nothing personal: the seeded name and address are on the applications, not in the report.
    expect(JSON.stringify(report)).not.toMatch(/研修|岐阜県|SERIAL0001/);
  });

  it('--csv and the text carry the same numbers', async () => {
    const csv = captureIo();
    expect(await main(['report', 'day', '--date', '2026-12-04', '--csv', '--data', dataDir], csv.io)).toBe(0);
    const lines = csv.out().split('\r\n');
    expect(lines).toContain('receipt,20261204-003,resetPin/legalRepresentative/done,0');
    expect(lines).toContain('receipt,20261204-002,issue/self/done,200');
    expect(lines).toContain('refusal_receipt,juki-card,20261204-004,1');
    expect(lines).toContain('open_request,20261204-007,enroll/auth/failed,1');
    expect(lines).toContain('open_at_close,acknowledged,,0');
    const text = captureIo();
    expect(await main(['report', 'day', '--date', '2026-12-04', '--data', dataDir], text.io)).toBe(0);
    expect(text.out()).toContain('refused 1: juki-card (20261204-004)');
    expect(text.out()).toContain('  20261204-008 enroll sign: waiting');
    expect(text.out()).toContain('  20261204-006 issue / proxy: waiting, clerk clerk-2, 0 yen');
  });

  it('a request refused for good that a clerk acknowledged still counts as failed for good, and is said to be acknowledged', async () => {
    acknowledgeTheRefusedRequest();
    const report = await jsonReport();
    expect(report.openAtClose).toMatchObject({ waiting: 2, failedForGood: 1, acknowledged: 1 });
    expect(report.openAtClose).toMatchObject({ requests: expect.arrayContaining([{ receiptNumber: '20261204-007', kind: 'enroll', certificateKind: 'auth', state: 'acknowledged' }]) });
    const text = captureIo();
    expect(await main(['report', 'day', '--date', '2026-12-04', '--data', dataDir], text.io)).toBe(0);
    expect(text.out()).toContain('1 failed for good (of which 1 acknowledged)');
  });
});
