/**
 * A voluntary proxy's second visit (R-PROC-5) SIGKILLed after key generation, then the same
 * visit run again: the filed application resumes (recovery puts it back to awaiting_reply) and
 * completes, instead of ending failed and sending the proxy home.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { ProcedureStep } from '../../../src/issuance/steps';
import { loadCardFile } from '../../../src/virtual-card/card-file';
import { useIssuanceHarness, withCard } from './harness';
import { issueDocument, makeCardFile, runCli, writeApplication, type RecordingCa, type TerminalDir } from './support';

jest.setTimeout(600_000);

let root: string;
let ca: RecordingCa;
let terminal: TerminalDir;

useIssuanceHarness('madoguchi-it-crash-proxy-', (h) => ({ root, ca, terminal } = h));

function stateOf(applicationId: string): { state: string; error_code: string | null } | undefined {
  if (!existsSync(join(terminal.dir, 'madoguchi.sqlite'))) return undefined;
  const db = new BetterSqlite3(join(terminal.dir, 'madoguchi.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT state, error_code FROM applications WHERE id = ?').get(applicationId) as { state: string; error_code: string | null } | undefined;
  } finally {
    db.close();
  }
}

const proxyDocuments = ['myNumberCard', 'applicationForm', 'photoId'];
const passwords = 'CRASH9PW\n2468\n';

test.each<ProcedureStep>(['issue-after-keygen-auth', 'issue-after-card-prepared', 'issue-after-csr-auth'])('crash at %s during the second visit: the visit runs again and completes', async (point) => {
  const cardFile = makeCardFile(root, terminal.issuerPublicPem);
  const firstDoc = writeApplication(root, { ...issueDocument, applicantType: 'proxy', documents: proxyDocuments });
  const first = await runCli(['issue', '--application', firstDoc, '--data', terminal.dir, '--json'], { stdin: '' });
  expect(first.stderr).toBe('');
  const filed = JSON.parse(first.stdout) as { applicationId: string; state: string };
  expect(filed.state).toBe('awaiting_reply');

  const secondDoc = writeApplication(root, { ...issueDocument, applicantType: 'proxy', documents: [...proxyDocuments, 'inquiryLetter'], continuesApplicationId: filed.applicationId });
  const secondArgs = (reader: string) => ['issue', '--reader', reader, '--application', secondDoc, '--data', terminal.dir, '--json'];
  const crashed = await withCard(cardFile, (reader) => runCli(secondArgs(reader), { stdin: passwords, crashAt: point }));
  expect(crashed.signal).toBe('SIGKILL');
  expect(ca.issuedCount({ applicationId: filed.applicationId })).toBe(0);

  // The proxy is still at the counter: the same second visit again, on a restarted terminal.
  const again = await withCard(cardFile, (reader) => runCli(secondArgs(reader), { stdin: passwords }));
  expect(again.stderr).toBe('');
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ applicationId: filed.applicationId, state: 'completed' });
  expect(stateOf(filed.applicationId)).toEqual({ state: 'completed', error_code: null });
  expect(ca.issuedCount({ applicationId: filed.applicationId })).toBe(2);
  const card = loadCardFile(cardFile);
  expect(card.files.signCert.complete && card.files.authCert.complete).toBe(true);
});
