/**
 * Network outage (docs/design.md §1, §6, R-PROC-3): with the CA unreachable, visits end normally
 * and queue; when the CA is back each request is issued exactly once and pick-up writes the
 * certificates onto the cards.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCardFile } from '../../../src/virtual-card/card-file';
import { useIssuanceHarness, withCard } from './harness';
import { issueDocument, passwordLeaks, makeCardFile, makeTerminalDir, runCli, writeApplication, type RecordingCa, type TerminalDir } from './support';

jest.setTimeout(300_000);

const procedures = 3;

let root: string;
let ca: RecordingCa;
let terminal: TerminalDir;

useIssuanceHarness('madoguchi-it-offline-', (h) => ({ root, ca, terminal } = h));

test(`${procedures} visits during an outage queue; after it each is issued once and picked up`, async () => {
  ca.isDown = true;
  const visits: { cardFile: string; applicationId: string }[] = [];
  for (let i = 0; i < procedures; i += 1) {
    const cardFile = makeCardFile(root, terminal.issuerPublicPem);
    const run = await withCard(cardFile, (reader) =>
      runCli(['issue', '--reader', reader, '--application', writeApplication(root, issueDocument), '--data', terminal.dir, '--json'], { stdin: 'OUTAGE1PW\n5555\n' }),
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.state).toBe('queued');
    expect(out.receipt.nextStep).toBe('presentCardForPickUp');
    expect(loadCardFile(cardFile).files.authCert.complete).toBe(false);
    visits.push({ cardFile, applicationId: out.applicationId });
  }
  expect(ca.issuedCount()).toBe(0);

  const queue = await runCli(['queue', 'list', '--json', '--data', terminal.dir]);
  const rows = JSON.parse(queue.stdout).rows as { state: string; applicationId: string }[];
  expect(rows).toHaveLength(procedures * 2);
  expect(rows.every((r) => r.state === 'failed_retryable' || r.state === 'pending')).toBe(true);

  ca.isDown = false;
  for (const visit of visits) {
    const run = await withCard(visit.cardFile, (reader) => runCli(['pickup', '--reader', reader, '--data', terminal.dir, '--json']));
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.source).toBe('local');
    expect(out.applications.map((a: { applicationId: string; state: string }) => [a.applicationId, a.state])).toEqual([[visit.applicationId, 'completed']]);
    const card = loadCardFile(visit.cardFile);
    expect(card.files.signCert.complete && card.files.authCert.complete).toBe(true);
  }
  // Exactly once: one certificate per application and label at the CA.
  for (const visit of visits) {
    expect(ca.issuedCount({ applicationId: visit.applicationId, label: 'jpki-sign' })).toBe(1);
    expect(ca.issuedCount({ applicationId: visit.applicationId, label: 'jpki-auth' })).toBe(1);
  }
  expect(ca.issuedCount()).toBe(procedures * 2);

  // A second presentation changes nothing and issues nothing.
  const again = await withCard(visits[0]?.cardFile ?? '', (reader) => runCli(['pickup', '--reader', reader, '--data', terminal.dir, '--json']));
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ source: 'none', applications: [] });
  expect(ca.issuedCount()).toBe(procedures * 2);
  expect(passwordLeaks(terminal.dir, ca, ['OUTAGE1PW', '5555'])).toEqual([]);
});

test('pick-up at another terminal: the CA is asked by the card’s key hashes (x-certs)', async () => {
  ca.isDown = true;
  const cardFile = makeCardFile(root, terminal.issuerPublicPem);
  const visit = await withCard(cardFile, (reader) => runCli(['issue', '--reader', reader, '--application', writeApplication(root, issueDocument), '--data', terminal.dir, '--json'], { stdin: 'OTHER1PW\n1357\n' }));
  const applicationId = JSON.parse(visit.stdout).applicationId as string;
  ca.isDown = false;
  // Terminal A delivers its queue while the card is away (the clerk retries the rows now).
  const rows = (JSON.parse((await runCli(['queue', 'list', '--json', '--data', terminal.dir])).stdout).rows as { id: string; applicationId: string }[]).filter((r) => r.applicationId === applicationId);
  for (const row of rows) expect((await runCli(['queue', 'retry', row.id, '--data', terminal.dir])).code).toBe(0);
  expect((await runCli(['sync', '--once', '--json', '--data', terminal.dir])).code).toBe(0);
  expect(ca.issuedCount({ applicationId })).toBe(2);

  // Terminal B: same CA, an issuer key the card trusts, no record of the visit.
  const other = makeTerminalDir(root, ca, 'terminal-b');
  copyFileSync(join(terminal.dir, 'issuer-key.pem'), join(other.dir, 'issuer-key.pem'));
  const run = await withCard(cardFile, (reader) => runCli(['pickup', '--reader', reader, '--data', other.dir, '--json']));
  expect(run.stderr).toBe('');
  const out = JSON.parse(run.stdout);
  expect(out.source).toBe('ca');
  expect(out.applications).toHaveLength(1);
  expect(out.applications[0].state).toBe('completed');
  const card = loadCardFile(cardFile);
  expect(card.files.signCert.complete && card.files.authCert.complete).toBe(true);
  expect(ca.issuedCount({ applicationId })).toBe(2);
});
