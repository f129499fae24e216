/**
 * Crash safety (docs/design.md §5): the CLI is SIGKILLed at each checkpoint of a visit, then the
 * terminal restarts (recover + sync + pick-up). No application is lost, none is issued twice,
 * and each reaches a consistent end: completed with its certificates on the card, or cancelled
 * / failed with nothing issued for it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { procedureSteps, type ProcedureStep } from '../../../src/issuance/steps';
import { parseCertificate } from '../../../src/pki/jpki-certificate';
import { loadCardFile } from '../../../src/virtual-card/card-file';
import { useIssuanceHarness, withCard } from './harness';
import { issueDocument, passwordLeaks, makeCardFile, runCli, writeApplication, type RecordingCa, type TerminalDir } from './support';

jest.setTimeout(900_000);

type End = 'completed' | 'cancelled' | 'failed';
interface Scenario {
  readonly point: ProcedureStep;
  /** `pickup`: the visit runs during an outage, the crash happens in the pick-up after it. */
  readonly during: 'issue' | 'pickup';
  readonly end: End;
}

const scenarios: Scenario[] = [
  { point: 'issue-after-draft', during: 'issue', end: 'cancelled' },
  { point: 'issue-after-issuer-auth', during: 'issue', end: 'cancelled' },
  { point: 'issue-after-keygen-sign', during: 'issue', end: 'cancelled' },
  { point: 'issue-after-setpin-sign', during: 'issue', end: 'cancelled' },
  { point: 'issue-after-keygen-auth', during: 'issue', end: 'cancelled' },
  { point: 'issue-after-setpin-auth', during: 'issue', end: 'cancelled' },
  { point: 'issue-after-card-prepared', during: 'issue', end: 'failed' },
  { point: 'issue-after-csr-sign', during: 'issue', end: 'failed' },
  { point: 'issue-after-csr-auth', during: 'issue', end: 'failed' },
  { point: 'issue-after-queue', during: 'issue', end: 'completed' },
  { point: 'sync-before-enroll', during: 'issue', end: 'completed' },
  { point: 'sync-after-enroll', during: 'issue', end: 'completed' },
  { point: 'sync-after-complete-row', during: 'issue', end: 'completed' },
  { point: 'issue-after-delivery', during: 'issue', end: 'completed' },
  { point: 'write-before-certificate', during: 'issue', end: 'completed' },
  { point: 'write-after-certificate-sign', during: 'issue', end: 'completed' },
  { point: 'write-after-certificate-auth', during: 'issue', end: 'completed' },
  { point: 'write-after-ca-certificates', during: 'issue', end: 'completed' },
  { point: 'write-after-written', during: 'issue', end: 'completed' },
  { point: 'issue-after-completed', during: 'issue', end: 'completed' },
  { point: 'pickup-after-recover', during: 'pickup', end: 'completed' },
  { point: 'pickup-after-sync', during: 'pickup', end: 'completed' },
  { point: 'sync-after-enroll', during: 'pickup', end: 'completed' },
];

let root: string;
let ca: RecordingCa;
let terminal: TerminalDir;

useIssuanceHarness('madoguchi-it-crash-', (h) => ({ root, ca, terminal } = h));

interface AppRow {
  id: string;
  state: string;
  card_serial: string | null;
  spki_sha256_sign: string | null;
  spki_sha256_auth: string | null;
}

function applications(): AppRow[] {
  if (!existsSync(join(terminal.dir, 'madoguchi.sqlite'))) return [];
  const db = new BetterSqlite3(join(terminal.dir, 'madoguchi.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT id, state, card_serial, spki_sha256_sign, spki_sha256_auth FROM applications ORDER BY created_at, id').all() as AppRow[];
  } finally {
    db.close();
  }
}

const issueArgs = (reader: string) => ['issue', '--reader', reader, '--application', writeApplication(root, issueDocument), '--data', terminal.dir, '--json'];
const pickupArgs = (reader: string) => ['pickup', '--reader', reader, '--data', terminal.dir, '--json'];
const passwords = 'CRASH9PW\n2468\n';

test('the scenarios cover 20+ checkpoints', () => {
  const covered = new Set(scenarios.map((s) => s.point));
  expect(covered.size).toBeGreaterThanOrEqual(20);
  for (const point of covered) expect(procedureSteps).toContain(point);
});

test.each(scenarios.map((s) => [`${s.during}: ${s.point}`, s] as const))('crash at %s, restart, consistent end', async (_name, scenario) => {
  const cardFile = makeCardFile(root, terminal.issuerPublicPem);
  const serial = loadCardFile(cardFile).serial;
  const before = applications().length;

  if (scenario.during === 'issue') {
    const crashed = await withCard(cardFile, (reader) => runCli(issueArgs(reader), { stdin: passwords, crashAt: scenario.point }));
    expect(crashed.signal).toBe('SIGKILL');
  } else {
    ca.isDown = true;
    const visit = await withCard(cardFile, (reader) => runCli(issueArgs(reader), { stdin: passwords }));
    ca.isDown = false;
    expect(JSON.parse(visit.stdout).state).toBe('queued');
    const crashed = await withCard(cardFile, (reader) => runCli(pickupArgs(reader), { crashAt: scenario.point }));
    expect(crashed.signal).toBe('SIGKILL');
  }

  // Restart: recovery, delivery and pick-up all happen in `pickup`.
  const restart = await withCard(cardFile, (reader) => runCli(pickupArgs(reader)));
  expect(restart.stderr).toBe('');
  expect(restart.code).toBe(0);

  const after = applications();
  expect(after).toHaveLength(before + 1);
  const application = after[after.length - 1] as AppRow;
  expect(application.card_serial).toBe(serial);
  expect(application.state).toBe(scenario.end);

  const card = loadCardFile(cardFile);
  const issued = ca.issuedCount({ applicationId: application.id });
  if (scenario.end === 'completed') {
    expect(issued).toBe(2);
    expect(card.files.signCert.complete && card.files.authCert.complete && card.files.signCaCert.complete && card.files.authCaCert.complete).toBe(true);
    const auth = parseCertificate(new Uint8Array(Buffer.from(card.files.authCert.data, 'base64')));
    expect(auth.spkiSha256).toBe(application.spki_sha256_auth);
    expect(ca.service.certificatesForKey('jpki-auth', auth.spkiSha256).map((c) => c.serial)).toEqual([auth.serialHex]);
  } else {
    expect(issued).toBe(0);
    expect(card.files.authCert.complete).toBe(false);
  }
});

test('afterwards: every application ended, the CA issued exactly two per completed one, the audit chain holds', async () => {
  const all = applications();
  expect(all.length).toBe(scenarios.length);
  expect(all.every((a) => ['completed', 'cancelled', 'failed'].includes(a.state))).toBe(true);
  expect(ca.issuedCount()).toBe(2 * all.filter((a) => a.state === 'completed').length);
  const queue = JSON.parse((await runCli(['queue', 'list', '--json', '--data', terminal.dir])).stdout) as { stats: { depth: number } };
  expect(queue.stats.depth).toBe(0);
  const audit = await runCli(['audit', 'verify', '--json', '--data', terminal.dir]);
  expect(JSON.parse(audit.stdout)).toMatchObject({ ok: true });
  // Killed processes leave WAL frames behind: no password in them either (docs/design.md §7).
  expect(passwordLeaks(terminal.dir, ca, ['CRASH9PW', '2468'])).toEqual([]);
});
