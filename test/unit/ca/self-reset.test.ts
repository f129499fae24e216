import { createPublicKey, sign, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTrainingCaDir, loadJpkiHierarchy, type JpkiHierarchy } from '../../../src/ca/hierarchy';
import { isCaError } from '../../../src/ca/errors';
import { ResetStore } from '../../../src/ca/reset-store';
import { SelfResetService, type ResetChallengeRequest } from '../../../src/ca/self-reset';
import { CaStore } from '../../../src/ca/store';
import { recordTrainingCertificates } from '../../../src/ca/training-records';
import { issuerAuthMessage, issuerSignerFromPem, resetGrantMessage } from '../../../src/card/issuer';
import type { CertificateKind } from '../../../src/domain/vocabulary';
import { sha256Hex } from '../../../src/pki/der';
import { resetProofMessage } from '../../../src/pki/reset-proof';

const caDir = findTrainingCaDir() ?? '';
const trainingDir = join(caDir, '..');
const hierarchy: JpkiHierarchy = loadJpkiHierarchy(caDir);
const issuerPem = readFileSync(join(trainingDir, 'issuer', 'issuer-key.pem'), 'utf8');
const issuerPublic = createPublicKey(readFileSync(join(trainingDir, 'issuer', 'issuer-pub.pem'), 'utf8'));

interface TrainingCard {
  readonly serial: string;
  readonly keys: Record<CertificateKind, string>;
  readonly certs: Record<CertificateKind, Buffer>;
}
function card(id: string): TrainingCard {
  const raw = JSON.parse(readFileSync(join(trainingDir, 'cards', `${id}.json`), 'utf8')) as {
    serial: string;
    keys: Record<CertificateKind, string>;
    files: Record<string, { data: string }>;
  };
  const file = (name: string) => Buffer.from(raw.files[name]?.data ?? '', 'base64');
  return { serial: raw.serial, keys: raw.keys, certs: { sign: file('signCert'), auth: file('authCert') } };
}
const signLocked = card('r06-sign-locked');
const authLocked = card('r07-auth-locked');
const other = card('r08-certified');

let dir: string;
let certificates: CaStore;
let resets: ResetStore;
let now: Date;
let service: SelfResetService;
const terminal = 'AA:BB';
const later = (ms: number) => new Date(now.getTime() + ms);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-reset-'));
  certificates = new CaStore(dir);
  resets = new ResetStore(certificates.db);
  recordTrainingCertificates(certificates, hierarchy, trainingDir);
  now = new Date('2026-11-28T10:00:00Z');
  service = new SelfResetService(certificates, resets, hierarchy, issuerSignerFromPem(issuerPem), { perCardPerDay: 3, perTerminalPerDay: 5, nonceTtlMs: 300_000 }, () => now);
});
afterEach(() => {
  certificates.close();
  rmSync(dir, { recursive: true, force: true });
});

function challengeFor(c: TrainingCard, resetKind: CertificateKind, overrides: Partial<ResetChallengeRequest> = {}): ResetChallengeRequest {
  const proving = resetKind === 'sign' ? 'auth' : 'sign';
  return { terminalId: 'kiosk-1', cardSerial: c.serial, resetKind, provingCertificate: c.certs[proving].toString('base64'), ...overrides };
}
const cardChallenge = '0102030405060708';
/** The card's signature: over the nonce, the card challenge, the operation, the card and the proving certificate. */
function proof(key: string, nonce: string, resetKind: CertificateKind, cardSerial: string, provingCertificate: Buffer, challenge = cardChallenge): string {
  const provingCertificateSerial = new X509Certificate(provingCertificate).serialNumber;
  return sign('sha256', resetProofMessage({ nonce: Buffer.from(nonce, 'hex'), cardChallenge: Buffer.from(challenge, 'hex'), resetKind, cardSerial, provingCertificateSerial }), key).toString('base64');
}

async function codeOf(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (isCaError(error)) return error.code;
    throw error;
  }
  return 'ok';
}

function serialOf(der: Buffer): string {
  return new X509Certificate(der).serialNumber.toUpperCase();
}

test('a signing-password reset proven by the auth key: the issuer authentication is for exactly this card challenge', async () => {
  const { nonce, expiresAt } = service.challenge(challengeFor(signLocked, 'sign'), terminal);
  expect(nonce).toMatch(/^[0-9a-f]{64}$/);
  expect(new Date(expiresAt).getTime()).toBe(now.getTime() + 300_000);
  const answer = await service.authorize({ terminalId: 'kiosk-1', nonce, signature: proof(signLocked.keys.auth, nonce, 'sign', signLocked.serial, signLocked.certs.auth), cardChallenge }, terminal);
  const signature = Buffer.from(answer.issuerAuthentication, 'hex');
  expect(signature).toHaveLength(64);
  const verifies = (message: Uint8Array) => verify('sha256', message, { key: issuerPublic, dsaEncoding: 'ieee-p1363' }, signature);
  // A grant of the signing-password reset on this card's challenge, and nothing wider.
  expect(verifies(resetGrantMessage(Buffer.from(cardChallenge, 'hex'), signLocked.serial, 'sign'))).toBe(true);
  expect(verifies(issuerAuthMessage(Buffer.from(cardChallenge, 'hex'), signLocked.serial))).toBe(false);
  expect(verifies(resetGrantMessage(Buffer.from(cardChallenge, 'hex'), signLocked.serial, 'auth'))).toBe(false);
  // Not for another challenge, nor another card.
  expect(verifies(resetGrantMessage(Buffer.from('0102030405060709', 'hex'), signLocked.serial, 'sign'))).toBe(false);
  expect(verifies(resetGrantMessage(Buffer.from(cardChallenge, 'hex'), other.serial, 'sign'))).toBe(false);
  const audit = resets.auditRows();
  expect(audit.map((r) => [r.step, r.outcome, r.cardSerial, r.resetKind, r.terminal])).toEqual([
    ['challenge', 'ok', signLocked.serial, 'sign', terminal],
    ['authorize', 'ok', signLocked.serial, 'sign', terminal],
  ]);
  expect(audit[1]?.certificateSerial).toBe(serialOf(signLocked.certs.auth));
});

test('an auth-PIN reset proven by the signing key, the certificate following with the proof (public key at challenge)', async () => {
  const spki = createPublicKey(authLocked.keys.sign).export({ format: 'der', type: 'spki' }).toString('base64');
  const { nonce } = service.challenge({ terminalId: 'kiosk-1', cardSerial: authLocked.serial, resetKind: 'auth', provingPublicKey: spki }, terminal);
  const signature = proof(authLocked.keys.sign, nonce, 'auth', authLocked.serial, authLocked.certs.sign);
  // The signing certificate of another card does not go with this nonce.
  expect(await codeOf(() => service.authorize({ terminalId: 'kiosk-1', nonce, signature, cardChallenge, provingCertificate: other.certs.sign.toString('base64') }, terminal))).toBe('CA_RESET_PROOF_FAILED');
  const again = service.challenge({ terminalId: 'kiosk-1', cardSerial: authLocked.serial, resetKind: 'auth', provingPublicKey: spki }, terminal);
  const answer = await service.authorize({ terminalId: 'kiosk-1', nonce: again.nonce, signature: proof(authLocked.keys.sign, again.nonce, 'auth', authLocked.serial, authLocked.certs.sign), cardChallenge, provingCertificate: authLocked.certs.sign.toString('base64') }, terminal);
  expect(answer.reference).toMatch(/^R\d{8}$/);
});

test('proof binding: a signature over another kind, card, nonce, proving certificate or card challenge proves nothing', async () => {
  const wrongFor: ((nonce: string) => string)[] = [
    (nonce) => proof(signLocked.keys.auth, nonce, 'auth', signLocked.serial, signLocked.certs.auth),
    (nonce) => proof(signLocked.keys.auth, nonce, 'sign', other.serial, signLocked.certs.auth),
    () => proof(signLocked.keys.auth, '00'.repeat(32), 'sign', signLocked.serial, signLocked.certs.auth),
    // Another proving certificate named, or another card challenge than the one sent.
    (nonce) => proof(signLocked.keys.auth, nonce, 'sign', signLocked.serial, other.certs.auth),
    (nonce) => proof(signLocked.keys.auth, nonce, 'sign', signLocked.serial, signLocked.certs.auth, 'ffffffffffffffff'),
  ];
  const roomy = new SelfResetService(certificates, resets, hierarchy, issuerSignerFromPem(issuerPem), { perCardPerDay: 10, perTerminalPerDay: 10, nonceTtlMs: 300_000 }, () => now);
  for (const make of wrongFor) {
    const { nonce } = roomy.challenge(challengeFor(signLocked, 'sign'), `t-${wrongFor.indexOf(make)}`);
    expect(await codeOf(() => roomy.authorize({ terminalId: 'k', nonce, signature: make(nonce), cardChallenge }, `t-${wrongFor.indexOf(make)}`))).toBe('CA_RESET_PROOF_FAILED');
  }
});

test('signature by the wrong key (the other card, or the card key of the other kind) is refused', async () => {
  const first = service.challenge(challengeFor(signLocked, 'sign'), terminal);
  expect(await codeOf(() => service.authorize({ terminalId: 'k', nonce: first.nonce, signature: proof(other.keys.auth, first.nonce, 'sign', signLocked.serial, signLocked.certs.auth), cardChallenge }, terminal))).toBe('CA_RESET_PROOF_FAILED');
  const second = service.challenge(challengeFor(signLocked, 'sign'), terminal);
  expect(await codeOf(() => service.authorize({ terminalId: 'k', nonce: second.nonce, signature: proof(signLocked.keys.sign, second.nonce, 'sign', signLocked.serial, signLocked.certs.auth), cardChallenge }, terminal))).toBe('CA_RESET_PROOF_FAILED');
  expect(await codeOf(() => service.authorize({ terminalId: 'k', nonce: second.nonce, signature: 'AAAA', cardChallenge }, terminal))).toBe('CA_RESET_NONCE_USED');
});

test('single use: a replayed authorisation (same nonce, another card challenge) is refused', async () => {
  const { nonce } = service.challenge(challengeFor(signLocked, 'sign'), terminal);
  const signature = proof(signLocked.keys.auth, nonce, 'sign', signLocked.serial, signLocked.certs.auth);
  await service.authorize({ terminalId: 'k', nonce, signature, cardChallenge }, terminal);
  expect(await codeOf(() => service.authorize({ terminalId: 'k', nonce, signature, cardChallenge: 'ffffffffffffffff' }, terminal))).toBe('CA_RESET_NONCE_USED');
  expect(await codeOf(() => service.authorize({ terminalId: 'k', nonce, signature, cardChallenge }, terminal))).toBe('CA_RESET_NONCE_USED');
});

test('expiry: a nonce past its time is refused; an unknown one or one issued to another terminal too', async () => {
  const { nonce } = service.challenge(challengeFor(signLocked, 'sign'), terminal);
  const signature = proof(signLocked.keys.auth, nonce, 'sign', signLocked.serial, signLocked.certs.auth);
  expect(await codeOf(() => service.authorize({ terminalId: 'k', nonce, signature, cardChallenge }, 'EE:FF'))).toBe('CA_RESET_NONCE_UNKNOWN');
  now = later(300_001);
  expect(await codeOf(() => service.authorize({ terminalId: 'k', nonce, signature, cardChallenge }, terminal))).toBe('CA_RESET_NONCE_EXPIRED');
  expect(await codeOf(() => service.authorize({ terminalId: 'k', nonce: 'ab'.repeat(32), signature, cardChallenge }, terminal))).toBe('CA_RESET_NONCE_UNKNOWN');
});

test('wrong kind: a signing certificate offered to prove a signing-password reset is not the proving kind', async () => {
  expect(await codeOf(() => service.challenge(challengeFor(signLocked, 'sign', { provingCertificate: signLocked.certs.sign.toString('base64') }), terminal))).toBe('CA_RESET_NOT_OURS');
  expect(await codeOf(() => service.challenge(challengeFor(authLocked, 'auth', { provingCertificate: authLocked.certs.auth.toString('base64') }), terminal))).toBe('CA_RESET_NOT_OURS');
});

test('revoked, revoked as compromised (lost) and reported-lost cards get no nonce; a revocation after the nonce stops the authorisation', async () => {
  const { nonce } = service.challenge(challengeFor(signLocked, 'sign'), terminal);
  certificates.revoke(serialOf(signLocked.certs.auth), 'jpki-auth', now.toISOString(), 'cessationOfOperation');
  expect(await codeOf(() => service.authorize({ terminalId: 'k', nonce, signature: proof(signLocked.keys.auth, nonce, 'sign', signLocked.serial, signLocked.certs.auth), cardChallenge }, terminal))).toBe('CA_RESET_REVOKED');
  expect(await codeOf(() => service.challenge(challengeFor(signLocked, 'sign'), terminal))).toBe('CA_RESET_REVOKED');

  certificates.revoke(serialOf(other.certs.auth), 'jpki-auth', now.toISOString(), 'keyCompromise');
  expect(await codeOf(() => service.challenge(challengeFor(other, 'sign'), terminal))).toBe('CA_RESET_CARD_LOST');

  service.reportLost(authLocked.serial);
  const spki = createPublicKey(authLocked.keys.sign).export({ format: 'der', type: 'spki' }).toString('base64');
  expect(await codeOf(() => service.challenge({ terminalId: 'k', cardSerial: authLocked.serial, resetKind: 'auth', provingPublicKey: spki }, terminal))).toBe('CA_RESET_CARD_LOST');
  expect(resets.auditRows().filter((r) => r.outcome !== 'ok').map((r) => r.outcome)).toEqual(['CA_RESET_REVOKED', 'CA_RESET_REVOKED', 'CA_RESET_CARD_LOST', 'CA_RESET_CARD_LOST']);
});

test('an expired proving certificate is refused', async () => {
  now = new Date('2099-01-01T00:00:00Z');
  expect(await codeOf(() => service.challenge(challengeFor(signLocked, 'sign'), terminal))).toBe('CA_RESET_CERT_EXPIRED');
});

test('rate limits: 3 proofs per card a day, counted when a proof is submitted, not when a nonce is fetched', async () => {
  const limited = new SelfResetService(certificates, resets, hierarchy, issuerSignerFromPem(issuerPem), { perCardPerDay: 3, perTerminalPerDay: 100, nonceTtlMs: 300_000, challengesPerCardPerDay: 8 }, () => now);
  // A resident going back and forth: five nonces fetched, none answered yet, no attempt spent.
  const nonces = Array.from({ length: 5 }, () => limited.challenge(challengeFor(signLocked, 'sign'), terminal).nonce);
  const submit = (nonce: string, key = signLocked.keys.auth) => codeOf(() => limited.authorize({ terminalId: 'k', nonce, signature: proof(key, nonce, 'sign', signLocked.serial, signLocked.certs.auth), cardChallenge }, terminal));
  // Three proofs submitted: a failed one counts as much as a good one.
  expect(await submit(nonces[0] ?? '', other.keys.auth)).toBe('CA_RESET_PROOF_FAILED');
  expect(await submit(nonces[1] ?? '')).toBe('ok');
  expect(await submit(nonces[2] ?? '')).toBe('ok');
  // Used up: a fourth proof is refused even on a nonce fetched before, and no new nonce is handed out.
  expect(await submit(nonces[3] ?? '')).toBe('CA_RESET_RATE_LIMITED');
  expect(await codeOf(() => limited.challenge(challengeFor(signLocked, 'sign'), 'other-terminal'))).toBe('CA_RESET_RATE_LIMITED');
  // Another card is not affected; a day later this one may try again.
  expect(await codeOf(() => limited.challenge(challengeFor(other, 'sign'), terminal))).toBe('ok');
  now = later(86_400_001);
  expect(await codeOf(() => limited.challenge(challengeFor(signLocked, 'sign'), terminal))).toBe('ok');
});

test('a separate, higher cap on nonces per card, and a cap per terminal across cards', async () => {
  const limited = new SelfResetService(certificates, resets, hierarchy, issuerSignerFromPem(issuerPem), { perCardPerDay: 3, perTerminalPerDay: 10, nonceTtlMs: 300_000, challengesPerCardPerDay: 8 }, () => now);
  for (let i = 0; i < 8; i += 1) limited.challenge(challengeFor(signLocked, 'sign'), terminal);
  expect(await codeOf(() => limited.challenge(challengeFor(signLocked, 'sign'), terminal))).toBe('CA_RESET_RATE_LIMITED');
  expect(await codeOf(() => limited.challenge(challengeFor(signLocked, 'sign'), 'other-terminal'))).toBe('CA_RESET_RATE_LIMITED');
  limited.challenge(challengeFor(other, 'sign'), terminal);
  limited.challenge(challengeFor(other, 'sign'), terminal);
  // Ten for this terminal today: a third card is refused here, served at another terminal.
  expect(await codeOf(() => limited.challenge(challengeFor(authLocked, 'sign'), terminal))).toBe('CA_RESET_RATE_LIMITED');
  expect(await codeOf(() => limited.challenge(challengeFor(authLocked, 'sign'), 'other-terminal'))).toBe('ok');
});

test('a CA without an issuer key offers no reset', async () => {
  const without = new SelfResetService(certificates, resets, hierarchy, undefined);
  expect(await codeOf(() => without.challenge(challengeFor(signLocked, 'sign'), terminal))).toBe('CA_RESET_NOT_OFFERED');
});

test('tampered certificates (any flipped byte) are refused with a 4xx code, never a crash', async () => {
  const der = signLocked.certs.auth;
  const codes = new Set<string>();
  for (let i = 0; i < der.length; i += 37) {
    const bad = Buffer.from(der);
    bad[i] = (bad[i] ?? 0) ^ 0x01;
    const code = await codeOf(() => service.challenge(challengeFor(signLocked, 'sign', { provingCertificate: bad.toString('base64') }), `t${i}`));
    codes.add(code);
    expect(['CA_BAD_REQUEST', 'CA_RESET_NOT_OURS', 'CA_RESET_CERT_EXPIRED']).toContain(code);
  }
  expect(codes.has('CA_RESET_NOT_OURS')).toBe(true);
});

test('a terminal declaring another card than the proving certificate\'s is refused with its own code, audited', async () => {
  // The certificate (or, for the signing kind, the key) of one card, the serial of another.
  expect(await codeOf(() => service.challenge(challengeFor(other, 'sign', { cardSerial: signLocked.serial }), terminal))).toBe('CA_RESET_CARD_MISMATCH');
  const spki = createPublicKey(other.keys.sign).export({ format: 'der', type: 'spki' }).toString('base64');
  expect(await codeOf(() => service.challenge({ terminalId: 'kiosk-1', cardSerial: authLocked.serial, resetKind: 'auth', provingPublicKey: spki }, terminal))).toBe('CA_RESET_CARD_MISMATCH');
  expect(resets.auditRows().map((r) => [r.step, r.cardSerial, r.certificateSerial, r.outcome])).toEqual([
    ['challenge', signLocked.serial, serialOf(other.certs.auth), 'CA_RESET_CARD_MISMATCH'],
    ['challenge', authLocked.serial, null, 'CA_RESET_CARD_MISMATCH'],
  ]);
  // The honest request for each card still works.
  expect(await codeOf(() => service.challenge(challengeFor(other, 'sign'), terminal))).toBe('ok');
});

test('a certificate this CA signed but holds no record of, or no card for, proves nothing', async () => {
  const bare = new CaStore(join(dir, 'bare'));
  try {
    const bareResets = new ResetStore(bare.db);
    const unseeded = new SelfResetService(bare, bareResets, hierarchy, issuerSignerFromPem(issuerPem), undefined, () => now);
    expect(await codeOf(() => unseeded.challenge(challengeFor(signLocked, 'sign'), terminal))).toBe('CA_RESET_NOT_OURS');
    // Recorded before the CA kept card serials: the row exists, its card is unknown.
    const key = createPublicKey(signLocked.keys.auth);
    bare.insertCertificate({ serial: serialOf(signLocked.certs.auth), label: 'jpki-auth', spkiSha256: sha256Hex(new Uint8Array(key.export({ format: 'der', type: 'spki' }))), csrSha256: 'x', applicationId: 'a', der: signLocked.certs.auth, notBefore: '2020-01-01T00:00:00Z', notAfter: '2040-01-01T00:00:00Z', issuedAt: '2020-01-01T00:00:00Z', municipalityCode: '21213' });
    expect(await codeOf(() => unseeded.challenge(challengeFor(signLocked, 'sign'), terminal))).toBe('CA_RESET_CARD_UNRECORDED');
    expect(bareResets.auditRows().map((r) => r.outcome)).toEqual(['CA_RESET_NOT_OURS', 'CA_RESET_CARD_UNRECORDED']);
  } finally {
    bare.close();
  }
});
