/**
 * `madoguchi config check` over real files: a good production data directory
 * passes; each single fault is named with its code and field; many faults at once are all named;
 * no key material is ever printed; the check changes nothing in the directory.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, unlinkSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { certPem, generateKey, keyToPem, selfSignedCa, tlsLeaf, type KeyedCertificate } from '../../../../src/ca/cert-factory';
import { configCheckCodes, type ConfigCheckCode } from '../../../../src/api/config-check';
import { checkDataDir } from '../../../../src/host/config-check';
import { captureIo } from '../../store/cli-io';
import { main } from '../../../../src/shells/cli/main';
import { openDatabase } from '../../../../src/store/open-database';
import { configCheckMessages } from '../../../../src/words/config-check';
import { productionBase, testClerkPinHash } from '../../../support/terminal-config';

const year = 365 * 86_400_000;
const ca = selfSignedCa([{ type: 'C', value: 'JP' }, { type: 'O', value: 'Madoguchi Test CA' }], generateKey('ec'), 10);
const otherCa = selfSignedCa([{ type: 'C', value: 'JP' }, { type: 'O', value: 'Other CA' }], generateKey('ec'), 10);
const client = tlsLeaf(ca, { subject: [{ type: 'CN', value: 'terminal-1' }], purpose: 'client', years: 2 });
const expiredClient = tlsLeaf(ca, { subject: [{ type: 'CN', value: 'terminal-1' }], purpose: 'client', years: 1 }, new Date(Date.now() - 3 * year));
const futureClient = tlsLeaf(ca, { subject: [{ type: 'CN', value: 'terminal-1' }], purpose: 'client', years: 1 }, new Date(Date.now() + year));
const issuerKeyPem = keyToPem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
const rsaIssuerKeyPem = keyToPem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
const p384IssuerKeyPem = keyToPem(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey);

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function write(dir: string, file: string, text: string, mode = 0o644): void {
  const full = join(dir, file);
  writeFileSync(full, text);
  chmodSync(full, mode);
}

const goodConfig = {
  terminalId: 'terminal-1',
  ...productionBase,
  issuerKeyPem: 'issuer-key.pem',
  ca: { url: 'https://ca.madoguchi.invalid/', trustAnchorPem: 'ca/trust-anchor.pem', clientCertPem: 'ca/client-cert.pem', clientKeyPem: 'ca/client-key.pem' },
};

function writeClient(dir: string, keyed: KeyedCertificate): void {
  write(dir, 'ca/client-cert.pem', certPem(keyed));
  write(dir, 'ca/client-key.pem', keyToPem(keyed.key), 0o600);
}

/** A data directory a production terminal can run from, with a real store in it. */
function goodDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-config-check-'));
  dirs.push(dir);
  chmodSync(dir, 0o700);
  mkdirSync(join(dir, 'ca'));
  write(dir, 'config.json', JSON.stringify(goodConfig, null, 2));
  write(dir, 'ca/trust-anchor.pem', certPem(ca));
  writeClient(dir, client);
  write(dir, 'issuer-key.pem', issuerKeyPem, 0o600);
  openDatabase(join(dir, 'madoguchi.sqlite')).db.close();
  return dir;
}

function writeConfig(dir: string, config: unknown): void {
  write(dir, 'config.json', typeof config === 'string' ? config : JSON.stringify(config));
}

async function run(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const c = captureIo(env);
  const code = await main(argv, c.io);
  return { code, stdout: c.out(), stderr: c.err() };
}

interface JsonReport {
  ok: boolean;
  dataDir: string;
  problems: Array<{ code: ConfigCheckCode; field?: string; file?: string; detail?: string; message: string }>;
}

async function check(dir: string): Promise<{ code: number; report: JsonReport; raw: string }> {
  const r = await run(['config', 'check', '--data', dir, '--json']);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, raw: r.stdout };
}

const codesOf = (report: JsonReport) => report.problems.map((p) => (p.field === undefined ? p.code : `${p.code} ${p.field}`)).sort();

test('a good production directory passes, in words and in JSON, and the check changes nothing in it', async () => {
  const dir = goodDir();
  const before = readdirSync(dir, { recursive: true }).map(String).sort().map((f) => `${f}:${statSync(join(dir, f)).mtimeMs}:${statSync(join(dir, f)).mode}`);
  const human = await run(['config', 'check', '--data', dir]);
  expect(human).toMatchObject({ code: 0, stderr: '' });
  expect(human.stdout).toContain('ok');
  const { code, report } = await check(dir);
  expect(code).toBe(0);
  expect(report).toEqual({ ok: true, dataDir: dir, problems: [] });
  const after = readdirSync(dir, { recursive: true }).map(String).sort().map((f) => `${f}:${statSync(join(dir, f)).mtimeMs}:${statSync(join(dir, f)).mode}`);
  expect(after).toEqual(before);
});

test('$MADOGUCHI_DATA names the directory when --data is absent', async () => {
  const dir = goodDir();
  unlinkSync(join(dir, 'config.json'));
  const r = await run(['config', 'check', '--json'], { MADOGUCHI_DATA: dir });
  expect(r.code).toBe(1);
  expect((JSON.parse(r.stdout) as JsonReport).problems.map((p) => p.code)).toEqual(['CONFIG_MISSING']);
});

const singleFaults: ReadonlyArray<[string, (dir: string) => void, readonly string[]]> = [
  ['no config.json (a production terminal refuses to start)', (d) => unlinkSync(join(d, 'config.json')), ['CONFIG_MISSING']],
  ['config.json that is not JSON', (d) => writeConfig(d, '{ "municipality": '), ['CONFIG_UNREADABLE']],
  ['an unknown key in config.json', (d) => writeConfig(d, { ...goodConfig, municipalty: {} }), ['CONFIG_INVALID municipalty']],
  ['a municipality code of the wrong shape', (d) => writeConfig(d, { ...goodConfig, municipality: { code: '12', name: 'x' } }), ['CONFIG_INVALID municipality.code']],
  ['a training config', (d) => writeConfig(d, { ...goodConfig, training: true }), ['CONFIG_TRAINING training']],
  ['an empty clerk list', (d) => writeConfig(d, { ...goodConfig, clerks: [] }), ['CONFIG_INVALID clerks']],
  ['two clerks with one id', (d) => writeConfig(d, { ...goodConfig, clerks: [productionBase.clerks[0], { ...productionBase.clerks[0], name: 'Twin' }] }), ['CONFIG_INVALID clerks']],
  ['a malformed PIN hash', (d) => writeConfig(d, { ...goodConfig, clerks: [{ id: 'c-1', name: 'C', pinHash: testClerkPinHash.replace('scrypt$16384', 'scrypt$1000') }] }), ['CONFIG_INVALID clerks.0.pinHash']],
  ['no CA section', (d) => writeConfig(d, { ...goodConfig, ca: undefined }), ['CA_NOT_CONFIGURED ca']],
  ['a missing trust anchor', (d) => unlinkSync(join(d, 'ca/trust-anchor.pem')), ['FILE_MISSING ca.trustAnchorPem']],
  ['a trust anchor that is not a certificate', (d) => write(d, 'ca/trust-anchor.pem', 'not a certificate\n'), ['TRUST_ANCHOR_INVALID ca.trustAnchorPem']],
  ['a trust anchor that is a leaf certificate', (d) => write(d, 'ca/trust-anchor.pem', certPem(client)), ['TRUST_ANCHOR_NOT_CA ca.trustAnchorPem']],
  ['a missing client certificate', (d) => unlinkSync(join(d, 'ca/client-cert.pem')), ['FILE_MISSING ca.clientCertPem']],
  ['an expired client certificate', (d) => writeClient(d, expiredClient), ['CLIENT_CERT_EXPIRED ca.clientCertPem']],
  ['a client certificate not valid yet', (d) => writeClient(d, futureClient), ['CLIENT_CERT_NOT_YET_VALID ca.clientCertPem']],
  ['a client key that does not match the certificate', (d) => write(d, 'ca/client-key.pem', keyToPem(otherCa.key), 0o600), ['CLIENT_KEY_MISMATCH ca.clientKeyPem']],
  ['a client key that is not a key', (d) => write(d, 'ca/client-key.pem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', 0o600), ['CLIENT_KEY_INVALID ca.clientKeyPem']],
  ['a world-readable client key', (d) => chmodSync(join(d, 'ca/client-key.pem'), 0o644), ['KEY_FILE_MODE ca.clientKeyPem']],
  ['a group-readable client key', (d) => chmodSync(join(d, 'ca/client-key.pem'), 0o640), ['KEY_FILE_MODE ca.clientKeyPem']],
  [
    'a client key symlinked to a file outside the directory',
    (d) => {
      const outside = mkdtempSync(join(tmpdir(), 'madoguchi-outside-'));
      dirs.push(outside);
      write(outside, 'key.pem', keyToPem(client.key), 0o600);
      unlinkSync(join(d, 'ca/client-key.pem'));
      symlinkSync(join(outside, 'key.pem'), join(d, 'ca/client-key.pem'));
    },
    ['KEY_FILE_SYMLINK ca.clientKeyPem'],
  ],
  ['no issuer key configured', (d) => writeConfig(d, { ...goodConfig, issuerKeyPem: undefined }), ['ISSUER_KEY_NOT_CONFIGURED issuerKeyPem']],
  ['a missing issuer key', (d) => unlinkSync(join(d, 'issuer-key.pem')), ['FILE_MISSING issuerKeyPem']],
  ['an issuer key that is not a key', (d) => write(d, 'issuer-key.pem', 'garbage', 0o600), ['ISSUER_KEY_INVALID issuerKeyPem']],
  ['an RSA issuer key (the cards trust EC P-256)', (d) => write(d, 'issuer-key.pem', rsaIssuerKeyPem, 0o600), ['ISSUER_KEY_WRONG_TYPE issuerKeyPem']],
  ['a P-384 issuer key', (d) => write(d, 'issuer-key.pem', p384IssuerKeyPem, 0o600), ['ISSUER_KEY_WRONG_TYPE issuerKeyPem']],
  ['a world-readable issuer key', (d) => chmodSync(join(d, 'issuer-key.pem'), 0o604), ['KEY_FILE_MODE issuerKeyPem']],
  ['a damaged store', (d) => write(d, 'madoguchi.sqlite', 'SQLite format 3\0'.padEnd(4096, 'x')), ['STORE_UNOPENABLE']],
];

test.each(singleFaults)('names %s', async (_name, spoil, expected) => {
  const dir = goodDir();
  spoil(dir);
  const { code, report } = await check(dir);
  expect(code).toBe(1);
  expect(report.ok).toBe(false);
  expect(codesOf(report)).toEqual([...expected].sort());
  for (const problem of report.problems) expect(problem.message).toBe(configCheckMessages[problem.code].en);
});

test('a missing data directory is named (and not created)', async () => {
  const dir = join(goodDir(), 'absent');
  const { code, report } = await check(dir);
  expect(code).toBe(1);
  expect(codesOf(report)).toEqual(['DATA_DIR_MISSING']);
  expect(() => statSync(dir)).toThrow();
});

test('a key owned by another user than the one the terminal runs as is named', () => {
  const dir = goodDir();
  const uid = statSync(join(dir, 'issuer-key.pem')).uid + 4242;
  const result = checkDataDir(dir, { now: new Date(), uid });
  expect(result.problems.map((p) => `${p.code} ${p.field}`).sort()).toEqual(['KEY_FILE_OWNER ca.clientKeyPem', 'KEY_FILE_OWNER issuerKeyPem']);
});

// Root may write anywhere, so only an ordinary user can see a read-only directory refused.
const asUser = typeof process.getuid === 'function' && process.getuid() !== 0 ? test : test.skip;
asUser('a data directory the terminal user cannot write is named', async () => {
  const dir = goodDir();
  chmodSync(dir, 0o500);
  try {
    const { report } = await check(dir);
    expect(codesOf(report)).toContain('DATA_DIR_NOT_WRITABLE');
  } finally {
    chmodSync(dir, 0o700);
  }
});

test('many faults at once are all named in one run, in words for people and codes for machines', async () => {
  const dir = goodDir();
  writeConfig(dir, { ...goodConfig, municipality: undefined, clerks: [{ id: 'bad id!', name: '', pinHash: 'plain' }], extra: 1 });
  writeClient(dir, expiredClient);
  chmodSync(join(dir, 'ca/client-key.pem'), 0o644);
  write(dir, 'ca/trust-anchor.pem', 'junk');
  write(dir, 'issuer-key.pem', rsaIssuerKeyPem, 0o644);
  write(dir, 'madoguchi.sqlite', 'not a database at all'.repeat(300));

  const { code, report, raw } = await check(dir);
  expect(code).toBe(1);
  expect(codesOf(report)).toEqual(
    [
      'CONFIG_INVALID municipality',
      'CONFIG_INVALID clerks.0.id',
      'CONFIG_INVALID clerks.0.name',
      'CONFIG_INVALID clerks.0.pinHash',
      'CONFIG_INVALID extra',
      'TRUST_ANCHOR_INVALID ca.trustAnchorPem',
      'CLIENT_CERT_EXPIRED ca.clientCertPem',
      'KEY_FILE_MODE ca.clientKeyPem',
      'KEY_FILE_MODE issuerKeyPem',
      'ISSUER_KEY_WRONG_TYPE issuerKeyPem',
      'STORE_UNOPENABLE',
    ].sort(),
  );
  // Nothing of the keys is ever printed.
  expect(raw).not.toContain('PRIVATE KEY');
  expect(raw).not.toContain(rsaIssuerKeyPem.split('\n')[1]);

  const human = await run(['config', 'check', '--data', dir]);
  expect(human.code).toBe(1);
  expect(human.stdout).toContain(`${report.problems.length} problems`);
  for (const problem of report.problems) expect(human.stdout).toContain(`${problem.code} ${problem.field ?? problem.file}: ${configCheckMessages[problem.code].en}`);
  expect(human.stdout).not.toContain('PRIVATE KEY');
});

test('bad usage exits 2 with the usage line', async () => {
  const r = await run(['config', 'check', '--nope']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('usage: madoguchi config check');
  const extra = await run(['config', 'check', 'somewhere']);
  expect(extra.code).toBe(2);
});

test('every problem code has words in Japanese and English', () => {
  for (const code of configCheckCodes) {
    expect(configCheckMessages[code].ja.length).toBeGreaterThan(0);
    expect(configCheckMessages[code].en.length).toBeGreaterThan(0);
  }
  expect(readFileSync(join(__dirname, '..', '..', '..', '..', 'src', 'words', 'config-check.ts'), 'utf8')).not.toMatch(/TODO/);
});
