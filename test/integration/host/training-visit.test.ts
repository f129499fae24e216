/**
 * A training terminal as `npm start` sets it up: no config.json, so the shipped training issuer
 * key, a training resident's virtual card and the training reference CA run in-process.
 * The visit must end with both certificates on the card (R-PROC-1), chaining to the training CA.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseCertificate } from '../../../src/pki/jpki-certificate';
import { openDatabase } from '../../../src/store/open-database';
import { Store } from '../../../src/store/unit-of-work';
import { loadCardFile } from '../../../src/virtual-card/card-file';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { withCard } from '../issuance/harness';
import { removeRoot, repoRoot, runCli, tempRoot, writeApplication } from '../issuance/support';

jest.setTimeout(180_000);

const trainingCaDir = join(repoRoot, 'resources', 'training', 'ca');

let pcscd: PcscdHandle;
let root: string;

beforeAll(async () => {
  pcscd = await ensurePcscd();
  root = tempRoot('madoguchi-it-training-');
}, 360_000);
afterAll(async () => {
  await pcscd?.release();
  if (root !== undefined) removeRoot(root);
});

test('a training terminal issues onto a training resident card through its in-process reference CA', async () => {
  const data = join(root, 'data');
  mkdirSync(join(data, 'cards'), { recursive: true });
  const cardFile = join(data, 'cards', 'r01-ordinary.json');
  copyFileSync(join(repoRoot, 'resources', 'training', 'cards', 'r01-ordinary.json'), cardFile);
  const application = writeApplication(root, {
    procedure: 'issue',
    applicantType: 'self',
    clerkId: 'clerk-training',
    documents: ['myNumberCard', 'applicationForm'],
    certificates: ['sign', 'auth'],
    basicInfo: { name: '那加　太郎', address: '岐阜県各務原市那加桜町二丁目１８６番地', birthDate: '1978-08-21', sex: '1' },
  });
  const run = await withCard(cardFile, (reader) => runCli(['issue', '--reader', reader, '--application', application, '--data', data, '--json'], { stdin: 'TRAIN1NG\n2468\n' }));
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout);
  expect(out.state).toBe('completed');

  // docs/design.md §5: once completed and synced, the basic 4 information is purged from the queue.
  const { db } = openDatabase(join(data, 'madoguchi.sqlite'), { recoverInterrupted: false });
  try {
    const store = new Store(db);
    expect(store.applications.get(out.applicationId).basicInfo).toBeNull();
    expect(db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'personalData.purge'").pluck().get()).toBe(1);
  } finally {
    db.close();
  }

  const files = loadCardFile(cardFile).files;
  for (const [leafFile, kind] of [
    ['signCert', 'sign'],
    ['authCert', 'auth'],
  ] as const) {
    expect(files[leafFile].complete).toBe(true);
    const leaf = parseCertificate(new Uint8Array(Buffer.from(files[leafFile].data, 'base64')));
    expect(leaf.issuerText).toContain('JPKI-TRAINING');
    const leafPem = join(root, `${kind}.pem`);
    execFileSync('openssl', ['x509', '-inform', 'DER', '-out', leafPem], { input: Buffer.from(files[leafFile].data, 'base64') });
    const verified = execFileSync('openssl', ['verify', '-CAfile', join(trainingCaDir, `${kind}-ca-cert.pem`), leafPem], { encoding: 'utf8' });
    expect(verified).toContain(': OK');
  }
});
