import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../../src/shells/cli/main';
import { captureIo } from '../../store/cli-io';
import { seedCounterDay, seededDay } from '../../../support/day-seed';

let root: string;
let dataDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'madoguchi-report-'));
  dataDir = join(root, 'terminal');
  seedCounterDay(dataDir, '2026-12-04', '2026-12-03');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('madoguchi report day', () => {
  it('--json gives the counts and the fee total of the seeded day', async () => {
    const c = captureIo();
    expect(await main(['report', 'day', '--date', '2026-12-04', '--json', '--data', dataDir], c.io)).toBe(0);
    const report = JSON.parse(c.out());
    expect(report.applications).toBe(seededDay.applications);
    expect(report.byProcedure).toEqual([
      { procedure: 'issue', applicantType: 'self', count: 6, outcomes: { done: 2, waiting: 1, refused: 2, cancelled: 1, failed: 0, open: 0 } },
      { procedure: 'issue', applicantType: 'proxy', count: 1, outcomes: { done: 0, waiting: 1, refused: 0, cancelled: 0, failed: 0, open: 0 } },
      { procedure: 'renew', applicantType: 'self', count: 1, outcomes: { done: 0, waiting: 1, refused: 0, cancelled: 0, failed: 0, open: 0 } },
      { procedure: 'resetPin', applicantType: 'legalRepresentative', count: 1, outcomes: { done: 1, waiting: 0, refused: 0, cancelled: 0, failed: 0, open: 0 } },
    ]);
    expect(report.certificatesIssued).toEqual({ sign: 1, auth: 0 });
    expect(report.refusals).toEqual([
      { reason: 'juki-card', count: 1, receiptNumbers: ['20261204-004'] },
      { reason: 'other-municipality', count: 1, receiptNumbers: [] },
    ]);
    expect(report.fees).toEqual({
      totalYen: 400,
      feePaying: 2,
      byClerk: [
        { clerkId: 'clerk-1', applications: 4, feePaying: 2, yen: 400 },
        { clerkId: 'clerk-2', applications: 5, feePaying: 0, yen: 0 },
      ],
    });
    expect(report.openAtClose).toMatchObject({ waiting: 2, failedForGood: 1 });
  });

  it('--csv gives the same facts a line each, for a spreadsheet', async () => {
    const c = captureIo();
    expect(await main(['report', 'day', '--date', '2026-12-04', '--csv', '--data', dataDir], c.io)).toBe(0);
    const lines = c.out().split('\r\n');
    expect(lines[0]).toBe('section,key,detail,value');
    expect(lines).toContain('date,2026-12-04,counter_day,9');
    expect(lines).toContain('procedure,issue,self,6');
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
