/**
 * Full issuance through the real CLI, pcscd, a virtual card and the reference CA (R-PROC-1,
 * R-CERT-3, R-VAL-1, docs/design.md §7).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateExpiry } from '../../../src/domain/validity';
import { expiryDateOf } from '../../../src/issuance/context';
import { certificateToPem, parseCertificate } from '../../../src/pki/jpki-certificate';
import { loadCardFile } from '../../../src/virtual-card/card-file';
import { useIssuanceHarness, withCard } from './harness';
import { issueDocument, passwordLeaks, makeCardFile, resident, runCli, writeApplication, type RecordingCa, type TerminalDir } from './support';

jest.setTimeout(180_000);

const signPassword = 'ONLINE5PW';
const authPin = '7319';

let root: string;
let ca: RecordingCa;
let terminal: TerminalDir;

useIssuanceHarness('madoguchi-it-issue-', (h) => ({ root, ca, terminal } = h));

function certificateFile(cardFile: string, file: 'signCert' | 'authCert' | 'signCaCert' | 'authCaCert'): Uint8Array {
  const entry = loadCardFile(cardFile).files[file];
  expect(entry.complete).toBe(true);
  return new Uint8Array(Buffer.from(entry.data, 'base64'));
}

test('issue online: certificates on the card verify against the CA chain, SAN and notAfter per the rules, no password anywhere', async () => {
  const cardFile = makeCardFile(root, terminal.issuerPublicPem);
  const run = await withCard(cardFile, (reader) => runCli(['issue', '--reader', reader, '--application', writeApplication(root, issueDocument), '--data', terminal.dir, '--json'], { stdin: `${signPassword}\n${authPin}\n` }));
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout);
  expect(out.state).toBe('completed');
  expect(out.certificates.map((c: { kind: string }) => c.kind).sort()).toEqual(['auth', 'sign']);
  expect(out.receipt.nextStep).toBe('none');

  const sign = parseCertificate(certificateFile(cardFile, 'signCert'));
  const auth = parseCertificate(certificateFile(cardFile, 'authCert'));
  expect(out.certificates.find((c: { kind: string }) => c.kind === 'sign').serial).toBe(sign.serialHex);
  // R-CERT-3: the resident's facts in the signing certificate's SAN, none in the other.
  expect(sign.san).toMatchObject({ name: resident.name, address: resident.address, sex: resident.sex });
  expect(auth.san).toBeNull();
  // R-VAL-1 / R-VAL-3.
  const expected = certificateExpiry({ birthDate: resident.birthDate, issueDate: out.receipt.date.iso, cardExpiry: '2035-02-17' });
  expect(expiryDateOf(sign.notAfter)).toBe(expected.sign);
  expect(expiryDateOf(auth.notAfter)).toBe(expected.auth);

  // openssl verifies each leaf against the CA certificate written to the card and the CA's own.
  for (const [leaf, caFile, kind] of [
    [sign, 'signCaCert', 'sign'],
    [auth, 'authCaCert', 'auth'],
  ] as const) {
    const onCardCa = certificateToPem(certificateFile(cardFile, caFile));
    expect(onCardCa).toBe(ca.hierarchy[kind].certPemText.replace(/\r\n/g, '\n'));
    writeFileSync(join(root, `${kind}-leaf.pem`), certificateToPem(leaf.der));
    writeFileSync(join(root, `${kind}-ca.pem`), onCardCa);
    // Nothing here talks to the card, so a blocking spawn cannot deadlock it.
    const verify = spawnSync('openssl', ['verify', '-CAfile', join(root, `${kind}-ca.pem`), join(root, `${kind}-leaf.pem`)], { encoding: 'utf8', timeout: 20_000 });
    expect(verify.stdout).toContain(': OK');
    expect(verify.status).toBe(0);
  }

  // docs/design.md §7: no password in the database, WAL, logs, CLI output or anything the CA received.
  expect(ca.bodies.length).toBeGreaterThanOrEqual(2);
  const leaks = passwordLeaks(terminal.dir, ca, [signPassword, authPin], { stdout: run.stdout, stderr: run.stderr });
  expect(leaks).toEqual([]);
});
