import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceCa, type ReferenceCa } from '../../../src/ca/reference-ca';
import { writeJpkiHierarchy } from '../../../src/ca/hierarchy';
import { certificateExpiry } from '../../../src/domain/validity';
import { parseCrl } from '../../../src/pki/crl';
import { buildCsr } from '../../../src/pki/csr';
import { applicantAttributeOids, type CsrApplicant } from '../../../src/pki/csr-attributes';
import { parseCsrAttrs } from '../../../src/pki/csrattrs';
import { parseCertificate, certificateToPem } from '../../../src/pki/jpki-certificate';
import { parseCertsOnly } from '../../../src/pki/pkcs7';
import { fakeCardKey, openssl, withTempFiles, type FakeCardKey } from '../../unit/pki/fake-card';
import { call, type Reply } from './https-client';

// RSA key generation and TLS set-up are slow on a shared 2-core machine.
jest.setTimeout(60_000);

const dirs: string[] = [];
const servers: ReferenceCa[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-ca-'));
  dirs.push(dir);
  return dir;
}
async function start(options: Partial<Parameters<typeof startReferenceCa>[0]> = {}): Promise<ReferenceCa> {
  const ca = await startReferenceCa({ dataDir: tempDir(), port: 0, host: '127.0.0.1', ...options });
  servers.push(ca);
  return ca;
}
afterAll(async () => {
  for (const s of servers) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const tls = (ca: ReferenceCa) => ({ ca: ca.tlsCaPem, cert: ca.clientCertPem, key: ca.clientKeyPem });
const get = (ca: ReferenceCa, path: string) => call(ca.url, tls(ca), 'GET', path);
const enroll = (ca: ReferenceCa, label: string, csr: Uint8Array | string, key?: string) =>
  call(ca.url, tls(ca), 'POST', `/.well-known/est/${label}/simpleenroll`, typeof csr === 'string' ? csr : Buffer.from(csr).toString('base64'), {
    'Content-Type': 'application/pkcs10',
    ...(key === undefined ? {} : { 'Idempotency-Key': key }),
  });
const certsOf = (reply: Reply) => parseCertsOnly(new Uint8Array(Buffer.from(reply.body.toString('ascii'), 'base64')));
function codeOf(reply: Reply): unknown {
  try {
    return (JSON.parse(reply.body.toString('utf8')) as { code?: unknown }).code;
  } catch {
    return undefined;
  }
}

const resident = { birthDate: '1990-05-10', name: '各務原 花子', address: '岐阜県各務原市那加桜町1丁目69番地', sex: '2' } as const;
function signApplicant(applicationId: string): CsrApplicant {
  return { certificateKind: 'sign', applicationId, terminalId: 'training-terminal', cardExpiry: '2035-05-10', ...resident };
}
function authApplicant(applicationId: string): CsrApplicant {
  return { certificateKind: 'auth', applicationId, terminalId: 'training-terminal', birthDate: resident.birthDate, cardExpiry: '2035-05-10' };
}
function csrFor(card: FakeCardKey, applicant: CsrApplicant): Promise<Uint8Array> {
  return buildCsr({ spkiDer: card.spkiDer, subject: [{ type: 'C', value: 'JP' }, { type: 'CN', value: applicant.applicationId }], applicant, signer: card.signer });
}
function verifyWithOpenssl(caPem: string, certDer: Uint8Array, extra: Record<string, string> = {}, args: string[] = []): string {
  return withTempFiles({ 'ca.pem': caPem, 'ee.pem': certificateToPem(certDer), ...extra }, (dir) => openssl(['verify', ...args, '-CAfile', 'ca.pem', 'ee.pem'], dir).output);
}

describe('reference CA over EST (real HTTPS, real SQLite)', () => {
  let ca: ReferenceCa;
  beforeAll(async () => {
    ca = await start();
  });

  it('serves cacerts as a base64 certs-only with Content-Length', async () => {
    const reply = await get(ca, '/.well-known/est/jpki-sign/cacerts');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBe(String(reply.body.length));
    const [caCert, ...rest] = certsOf(reply);
    expect(rest).toHaveLength(0);
    const parsed = parseCertificate(caCert ?? new Uint8Array());
    expect(parsed.isCa).toBe(true);
    expect(parsed.subjectText).toBe('C=JP, O=JPKI-REFERENCE, OU=JPKI for digital signature, OU=Japan Agency for Local Authority Information Systems');
  });

  it('issues a signing certificate: chain verifies, SAN holds the resident facts, notAfter per R-VAL', async () => {
    const card = fakeCardKey();
    const reply = await enroll(ca, 'jpki-sign', await csrFor(card, signApplicant('app-sign-1')), 'key-sign-1');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/pkcs7-mime; smime-type=certs-only');
    expect(reply.headers['content-length']).toBe(String(reply.body.length));
    const [ee] = certsOf(reply);
    const cert = parseCertificate(ee ?? new Uint8Array());
    expect(cert.kind).toBe('sign');
    expect(cert.spkiDer).toEqual(card.spkiDer);
    expect(cert.san).toEqual({ name: resident.name, nameSubstitute: '', sex: '2', birthDate: '419900510', address: resident.address, addressSubstitute: '' });
    expect(cert.subject.filter((e) => e.type === 'L').map((e) => e.value)).toEqual(['岐阜県', '各務原市']);
    const issueDate = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const expected = certificateExpiry({ birthDate: resident.birthDate, issueDate, cardExpiry: '2035-05-10' }).sign;
    expect(cert.notAfter).toBe(`${expected ?? ''}T14:59:59.000Z`);
    expect(verifyWithOpenssl(ca.caCertsPem, ee ?? new Uint8Array())).toMatch(/ee\.pem: OK/);
    const text = withTempFiles({ 'ee.pem': certificateToPem(ee ?? new Uint8Array()) }, (dir) => openssl(['x509', '-in', 'ee.pem', '-noout', '-text'], dir).output);
    expect(text).toContain('othername: 1.2.392.200149.8.5.5.1::');
    expect(text).toMatch(/Digital Signature, Non Repudiation/);
    expect(text).toContain('1.2.392.200149.8.5.1.1.20');
  });

  it('issues an authentication certificate with an opaque subject and no personal data', async () => {
    const card = fakeCardKey();
    const reply = await enroll(ca, 'jpki-auth', await csrFor(card, authApplicant('app-auth-1')), 'key-auth-1');
    expect(reply.status).toBe(200);
    const [ee] = certsOf(reply);
    const cert = parseCertificate(ee ?? new Uint8Array());
    expect(cert.kind).toBe('auth');
    expect(cert.san).toBeNull();
    expect(cert.subject.map((e) => e.type)).toEqual(['C', 'CN']);
    expect(cert.subject[1]?.value).toMatch(/^[A-Z0-9]{23}$/);
    expect(Buffer.from(ee ?? []).includes(Buffer.from(resident.name))).toBe(false);
    expect(verifyWithOpenssl(ca.caCertsPem, ee ?? new Uint8Array())).toMatch(/ee\.pem: OK/);
  });

  it('replays the original answer for the same key and CSR; 422 for a different CSR; 409 for a second live certificate', async () => {
    const card = fakeCardKey();
    const csr = await csrFor(card, signApplicant('app-replay'));
    const first = await enroll(ca, 'jpki-sign', csr, 'key-replay');
    const again = await enroll(ca, 'jpki-sign', csr, 'key-replay');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.equals(first.body)).toBe(true);
    const other = await csrFor(card, signApplicant('app-replay-other'));
    const mismatch = await enroll(ca, 'jpki-sign', other, 'key-replay');
    expect(mismatch.status).toBe(422);
    expect(codeOf(mismatch)).toBe('CA_IDEMPOTENCY_MISMATCH');
    const duplicate = await enroll(ca, 'jpki-sign', other, 'key-replay-2');
    expect(duplicate.status).toBe(409);
    expect(codeOf(duplicate)).toBe('CA_DUPLICATE_KEY');
    // Plain EST resend of the same bytes without a key: recognised by content.
    const noKey = await enroll(ca, 'jpki-sign', csr);
    expect(noKey.body.equals(first.body)).toBe(true);
  });

  it('refuses a CSR for the other profile and CSR data the rules cannot accept, with codes', async () => {
    const card = fakeCardKey();
    const wrong = await enroll(ca, 'jpki-sign', await csrFor(card, authApplicant('app-wrong')), 'key-wrong');
    expect(wrong.status).toBe(400);
    expect(codeOf(wrong)).toBe('CA_WRONG_PROFILE');
    const unborn = await enroll(ca, 'jpki-auth', await csrFor(card, { ...authApplicant('app-unborn'), birthDate: '2999-01-01' }), 'key-unborn');
    expect(unborn.status).toBe(400);
    expect(codeOf(unborn)).toBe('CA_BAD_ATTRIBUTES');
    const juki = await enroll(ca, 'jpki-auth', await csrFor(card, { ...authApplicant('app-juki'), cardType: 'jukiCard' }), 'key-juki');
    expect(juki.status).toBe(400);
    expect(codeOf(juki)).toBe('CA_NOT_ISSUABLE');
  });

  it('answers garbage and truncated bodies with 400 + code and keeps serving', async () => {
    const card = fakeCardKey();
    const csr = await csrFor(card, signApplicant('app-garbage'));
    const cases: (string | Uint8Array)[] = ['not base64 at all!', '', Buffer.from('hello').toString('base64'), csr.slice(0, csr.length - 10), Buffer.from(csr).toString('base64').slice(0, 100)];
    for (const body of cases) {
      const reply = await enroll(ca, 'jpki-sign', body, 'key-garbage');
      expect(reply.status).toBe(400);
      expect(['CA_BAD_BASE64', 'CA_BAD_CSR']).toContain(codeOf(reply));
    }
    const badKey = await enroll(ca, 'jpki-sign', csr, 'bad key with spaces');
    expect(codeOf(badKey)).toBe('CA_BAD_IDEMPOTENCY_KEY');
    expect((await get(ca, '/.well-known/est/nope/cacerts')).status).toBe(404);
    expect((await enroll(ca, 'jpki-sign', csr, 'key-garbage')).status).toBe(200);
  });

  it('csrattrs (RFC 7030 §4.5) answers the private-arc OIDs of each label as base64 DER CsrAttrs', async () => {
    for (const [label, kind] of [['jpki-sign', 'sign'], ['jpki-auth', 'auth']] as const) {
      const reply = await get(ca, `/.well-known/est/${label}/csrattrs`);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('application/csrattrs');
      expect(reply.headers['content-transfer-encoding']).toBe('base64');
      expect(reply.headers['content-length']).toBe(String(reply.body.length));
      const entries = parseCsrAttrs(new Uint8Array(Buffer.from(reply.body.toString('ascii'), 'base64')));
      expect(entries).toEqual(applicantAttributeOids(kind).map((oid) => ({ oid, isAttribute: false })));
    }
    expect((await call(ca.url, tls(ca), 'POST', '/.well-known/est/jpki-sign/csrattrs', 'x')).status).toBe(405);
  });

  it('answers 404 with an empty body (clients may close it unread) and the code in a header; other errors stay short JSON', async () => {
    for (const path of ['/.well-known/est/nope/csrattrs', '/.well-known/est/jpki-sign/nothing', '/elsewhere', `/.well-known/est/jpki-sign/x-certs?spki=${'0'.repeat(64)}`]) {
      const reply = await get(ca, path);
      expect({ status: reply.status, length: reply.headers['content-length'], body: reply.body.length, code: reply.headers['ca-error-code'] }).toEqual({ status: 404, length: '0', body: 0, code: 'CA_NOT_FOUND' });
    }
    const refused = await enroll(ca, 'jpki-sign', 'not base64 at all!');
    expect(refused.headers['ca-error-code']).toBe('CA_BAD_BASE64');
    expect(refused.headers['content-length']).toBe(String(refused.body.length));
    expect(refused.body.length).toBeLessThan(1024);
  });

  it('looks certificates up by key (x-certs), revokes them (x-revoke) and lists them in a verifiable CRL', async () => {
    const card = fakeCardKey();
    const authCard = fakeCardKey();
    const [signCert] = certsOf(await enroll(ca, 'jpki-sign', await csrFor(card, signApplicant('app-revoke')), 'key-rev-sign'));
    const [authCert] = certsOf(await enroll(ca, 'jpki-auth', await csrFor(authCard, authApplicant('app-revoke')), 'key-rev-auth'));
    const sign = parseCertificate(signCert ?? new Uint8Array());
    const auth = parseCertificate(authCert ?? new Uint8Array());

    const lookup = await get(ca, `/.well-known/est/jpki-sign/x-certs?spki=${sign.spkiSha256}`);
    expect(lookup.status).toBe(200);
    expect(certsOf(lookup).map((c) => parseCertificate(c).serialHex)).toEqual([sign.serialHex]);
    const json = await get(ca, `/.well-known/est/jpki-sign/x-certs?spki=${sign.spkiSha256}&format=json`);
    expect(JSON.parse(json.body.toString('utf8'))).toMatchObject({ certificates: [{ serial: sign.serialHex }] });
    expect((await get(ca, `/.well-known/est/jpki-sign/x-certs?spki=${'0'.repeat(64)}`)).status).toBe(404);
    expect((await get(ca, '/.well-known/est/jpki-sign/x-certs?spki=zz')).status).toBe(400);

    const badRevoke = await call(ca.url, tls(ca), 'POST', '/.well-known/est/jpki-auth/x-revoke', '{"serial":"12","reason":"bored"}');
    expect(badRevoke.status).toBe(400);
    expect(codeOf(badRevoke)).toBe('CA_BAD_JSON');
    // R-REV-1 d: revoking the auth certificate revokes the signing certificate of the same application.
    const revoked = await call(ca.url, tls(ca), 'POST', '/.well-known/est/jpki-auth/x-revoke', JSON.stringify({ serial: auth.serialHex, reason: 'keyCompromise' }));
    expect(revoked.status).toBe(200);
    expect(JSON.parse(revoked.body.toString('utf8'))).toMatchObject({ serial: auth.serialHex, reason: 'keyCompromise', alsoRevoked: [sign.serialHex] });

    const crlReply = await get(ca, '/crl/jpki-auth.crl');
    expect(crlReply.status).toBe(200);
    const crl = parseCrl(new Uint8Array(crlReply.body));
    expect(crl.entries.map((e) => [e.serialHex, e.reason])).toEqual([[auth.serialHex, 'keyCompromise']]);
    const authCaPem = certificateToPem(ca.service.cacertsDer('jpki-auth'));
    const crlCheck = withTempFiles({ 'ca.pem': authCaPem, 'crl.der': new Uint8Array(crlReply.body) }, (dir) => openssl(['crl', '-inform', 'DER', '-in', 'crl.der', '-CAfile', 'ca.pem', '-noout', '-text'], dir).output);
    expect(crlCheck).toMatch(/verify OK/);
    expect(crlCheck).toContain(`Serial Number: ${auth.serialHex}`);
    const crlPem = `-----BEGIN X509 CRL-----\n${crlReply.body.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END X509 CRL-----\n`;
    const verdict = verifyWithOpenssl(authCaPem, authCert ?? new Uint8Array(), { 'crl.pem': crlPem }, ['-crl_check', '-CRLfile', 'crl.pem']);
    expect(verdict).toMatch(/certificate revoked/);
    const signCrl = parseCrl(new Uint8Array((await get(ca, '/crl/jpki-sign.crl')).body));
    expect(signCrl.entries.map((e) => e.serialHex)).toContain(sign.serialHex);
    // After revocation the key may be enrolled again, and x-certs no longer lists the revoked one.
    expect((await get(ca, `/.well-known/est/jpki-sign/x-certs?spki=${sign.spkiSha256}`)).status).toBe(404);
    expect((await enroll(ca, 'jpki-sign', await csrFor(card, signApplicant('app-revoke-2')), 'key-rev-sign-2')).status).toBe(200);
  });

  it('refuses a TLS client without a certificate', async () => {
    await expect(call(ca.url, { ca: ca.tlsCaPem }, 'GET', '/.well-known/est/jpki-sign/cacerts')).rejects.toThrow();
    expect((await get(ca, '/.well-known/est/jpki-sign/cacerts')).status).toBe(200);
  });
});

describe('reference CA behaviours', () => {
  it('answers 202 + Retry-After while pending, then the certificate', async () => {
    const ca = await start({ behaviour: { pendingPolls: 2, retryAfterSeconds: 3 } });
    const csr = await csrFor(fakeCardKey(), authApplicant('app-pending'));
    const first = await enroll(ca, 'jpki-auth', csr, 'key-pending');
    expect(first.status).toBe(202);
    expect(first.headers['retry-after']).toBe('3');
    // Empty, with Content-Length: some EST clients never read a 202 body and fail closing it.
    expect({ length: first.headers['content-length'], body: first.body.length, type: first.headers['content-type'] }).toEqual({ length: '0', body: 0, type: undefined });
    expect((await enroll(ca, 'jpki-auth', csr, 'key-pending')).status).toBe(202);
    const done = await enroll(ca, 'jpki-auth', csr, 'key-pending');
    expect(done.status).toBe(200);
    expect((await enroll(ca, 'jpki-auth', csr, 'key-pending')).body.equals(done.body)).toBe(true);
  });

  it('answers 409 while the same key is in progress', async () => {
    const ca = await start({ behaviour: { issueDelayMs: 400 } });
    const csr = await csrFor(fakeCardKey(), authApplicant('app-busy'));
    // Whichever arrives first holds the key for 400 ms; the other finds it in progress.
    const replies = await Promise.all([enroll(ca, 'jpki-auth', csr, 'key-busy'), enroll(ca, 'jpki-auth', csr, 'key-busy')]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(replies.map(codeOf)).toContain('CA_IN_PROGRESS');
    const done = replies.find((r) => r.status === 200);
    expect((await enroll(ca, 'jpki-auth', csr, 'key-busy')).body.equals(done?.body ?? Buffer.alloc(0))).toBe(true);
  });

  it('uses a training hierarchy from any directory and keeps idempotency keys across restarts', async () => {
    const trainingCaDir = tempDir();
    writeJpkiHierarchy(trainingCaDir, 'JPKI-TRAINING');
    const dataDir = tempDir();
    const first = await startReferenceCa({ dataDir, port: 0, training: true, trainingCaDir });
    const csr = await csrFor(fakeCardKey(), authApplicant('app-restart'));
    let original: Reply;
    try {
      const cacerts = await get(first, '/.well-known/est/jpki-auth/cacerts');
      expect(parseCertificate(certsOf(cacerts)[0] ?? new Uint8Array()).subjectText).toContain('O=JPKI-TRAINING');
      original = await enroll(first, 'jpki-auth', csr, 'key-restart');
      expect(original.status).toBe(200);
    } finally {
      await first.close();
    }
    const second = await startReferenceCa({ dataDir, port: 0, training: true, trainingCaDir });
    try {
      const replay = await enroll(second, 'jpki-auth', csr, 'key-restart');
      expect(replay.body.equals(original.body)).toBe(true);
    } finally {
      await second.close();
    }
  });
});
