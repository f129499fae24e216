/**
 * The CA's policy by terminal and municipality, over real HTTPS with real
 * client certificates: two terminals of two municipalities, one CA.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { certPem, keyToPem, loadKeyedCertificate, tlsLeaf } from '../../../src/ca/cert-factory';
import { startReferenceCa, type ReferenceCa } from '../../../src/ca/reference-ca';
import { CaStore } from '../../../src/ca/store';
import { issueTerminalClientCertificate } from '../../../src/ca/tls-material';
import { sha256Hex } from '../../../src/pki/der';
import { buildCsr } from '../../../src/pki/csr';
import type { CsrApplicant } from '../../../src/pki/csr-attributes';
import { parseCertsOnly } from '../../../src/pki/pkcs7';
import { fakeCardKey, type FakeCardKey } from '../../unit/pki/fake-card';
import { call, type ClientTls, type Reply } from './https-client';

jest.setTimeout(90_000);

let dir: string;
let ca: ReferenceCa;
let gifu: ClientTls;
let gifuOther: ClientTls;
let nagoya: ClientTls;
let noMunicipality: ClientTls;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-ca-policy-'));
  ca = await startReferenceCa({ dataDir: dir, port: 0, host: '127.0.0.1' });
  const tls = (c: { certPem: string; keyPem: string }): ClientTls => ({ ca: ca.tlsCaPem, cert: c.certPem, key: c.keyPem });
  gifu = tls(issueTerminalClientCertificate(dir, { terminalId: 'kakamigahara-01', municipalityCode: '21213' }));
  gifuOther = tls(issueTerminalClientCertificate(dir, { terminalId: 'kakamigahara-02', municipalityCode: '21213' }));
  nagoya = tls(issueTerminalClientCertificate(dir, { terminalId: 'nagoya-01', municipalityCode: '23100' }));
  // A client certificate of the right CA that names no municipality (an old or forged one).
  const clientCa = loadKeyedCertificate(readFileSync(ca.files.clientCaCert, 'utf8'), readFileSync(ca.files.clientCaKey, 'utf8'));
  const bare = tlsLeaf(clientCa, { subject: [{ type: 'C', value: 'JP' }, { type: 'CN', value: 'kakamigahara-01' }], purpose: 'client', years: 1 });
  noMunicipality = { ca: ca.tlsCaPem, cert: certPem(bare), key: keyToPem(bare.key) };
});
afterAll(async () => {
  await ca.close();
  rmSync(dir, { recursive: true, force: true });
});

const resident = { birthDate: '1990-05-10', name: '各務原 花子', address: '岐阜県各務原市那加桜町1丁目69番地', sex: '2' } as const;
const auth = (applicationId: string, terminalId: string): CsrApplicant => ({ certificateKind: 'auth', applicationId, terminalId, birthDate: resident.birthDate, cardExpiry: '2035-05-10' });
const sign = (applicationId: string, terminalId: string): CsrApplicant => ({ certificateKind: 'sign', applicationId, terminalId, cardExpiry: '2035-05-10', ...resident });
const csrFor = (card: FakeCardKey, applicant: CsrApplicant) => buildCsr({ spkiDer: card.spkiDer, subject: [{ type: 'C', value: 'JP' }, { type: 'CN', value: applicant.applicationId }], applicant, signer: card.signer });
const enroll = (tls: ClientTls, label: string, csr: Uint8Array) => call(ca.url, tls, 'POST', `/.well-known/est/${label}/simpleenroll`, Buffer.from(csr).toString('base64'), { 'Content-Type': 'application/pkcs10' });
const revoke = (tls: ClientTls, label: string, serial: string) => call(ca.url, tls, 'POST', `/.well-known/est/${label}/x-revoke`, JSON.stringify({ serial, reason: 'keyCompromise' }), { 'Content-Type': 'application/json' });
const certsJson = async (tls: ClientTls, label: string, spki: string) => {
  const reply = await call(ca.url, tls, 'GET', `/.well-known/est/${label}/x-certs?spki=${spki}&format=json`);
  expect(reply.status).toBe(200);
  return (JSON.parse(reply.body.toString('utf8')) as { certificates: { serial: string }[] }).certificates.map((c) => c.serial);
};
const leafOf = (reply: Reply) => parseCertsOnly(new Uint8Array(Buffer.from(reply.body.toString('ascii'), 'base64')))[0];

async function issued(tls: ClientTls, terminalId: string, applicationId: string): Promise<{ card: FakeCardKey; serial: string; spki: string }> {
  const card = fakeCardKey();
  const reply = await enroll(tls, 'jpki-auth', await csrFor(card, auth(applicationId, terminalId)));
  expect(reply.status).toBe(200);
  expect(leafOf(reply)).toBeDefined();
  const rows = ca.service.certificatesForKey('jpki-auth', sha256Hex(card.spkiDer));
  const serial = rows[0]?.serial ?? '';
  return { card, serial, spki: sha256Hex(card.spkiDer) };
}

describe('the CSR’s terminal id must be the client certificate’s', () => {
  test('a CSR naming another terminal is refused 403 CA_FORBIDDEN, issues nothing, and is audited', async () => {
    const card = fakeCardKey();
    const reply = await enroll(nagoya, 'jpki-sign', await csrFor(card, sign('app-stolen', 'kakamigahara-01')));
    expect(reply.status).toBe(403);
    expect(reply.headers['ca-error-code']).toBe('CA_FORBIDDEN');
    expect(ca.service.certificatesForKey('jpki-sign', sha256Hex(card.spkiDer))).toEqual([]);
    const store = new CaStore(dir);
    try {
      expect(store.refusals()).toContainEqual({ terminalId: 'nagoya-01', municipalityCode: '23100', operation: 'simpleenroll', code: 'CA_FORBIDDEN', details: { label: 'jpki-sign', csrTerminalId: 'kakamigahara-01', applicationId: 'app-stolen' } });
    } finally {
      store.close();
    }
  });

  test('the same municipality’s other terminal may not send it either; its own terminal may', async () => {
    const card = fakeCardKey();
    const csr = await csrFor(card, auth('app-own', 'kakamigahara-01'));
    expect((await enroll(gifuOther, 'jpki-auth', csr)).status).toBe(403);
    expect((await enroll(gifu, 'jpki-auth', csr)).status).toBe(200);
  });

  test('a client certificate that names no municipality is refused for every EST operation', async () => {
    const reply = await call(ca.url, noMunicipality, 'GET', '/.well-known/est/jpki-auth/cacerts');
    expect(reply.status).toBe(403);
    expect(reply.headers['ca-error-code']).toBe('CA_FORBIDDEN');
  });

  test('the default client certificate of a data directory is the training terminal’s', async () => {
    const card = fakeCardKey();
    const tls = { ca: ca.tlsCaPem, cert: ca.clientCertPem, key: ca.clientKeyPem };
    expect((await enroll(tls, 'jpki-auth', await csrFor(card, auth('app-training', 'training-terminal')))).status).toBe(200);
    expect((await enroll(tls, 'jpki-auth', await csrFor(fakeCardKey(), auth('app-training-2', 'terminal-1')))).status).toBe(403);
  });
});

describe('a terminal sees and revokes only what its municipality issued', () => {
  test('x-certs lists the certificate to every terminal of the municipality, to no other', async () => {
    const mine = await issued(gifu, 'kakamigahara-01', 'app-list');
    expect(await certsJson(gifu, 'jpki-auth', mine.spki)).toEqual([mine.serial]);
    expect(await certsJson(gifuOther, 'jpki-auth', mine.spki)).toEqual([mine.serial]);
    expect(await certsJson(nagoya, 'jpki-auth', mine.spki)).toEqual([]);
    // The PKCS#7 form: absent, exactly as for a key nobody certified.
    const foreign = await call(ca.url, nagoya, 'GET', `/.well-known/est/jpki-auth/x-certs?spki=${mine.spki}`);
    const nobody = await call(ca.url, nagoya, 'GET', `/.well-known/est/jpki-auth/x-certs?spki=${'0'.repeat(64)}`);
    expect({ status: foreign.status, body: foreign.body.length, code: foreign.headers['ca-error-code'] }).toEqual({ status: nobody.status, body: nobody.body.length, code: nobody.headers['ca-error-code'] });
    expect(foreign.status).toBe(404);
  });

  test('another municipality’s revocation is answered as an unknown serial, revokes nothing, and is audited', async () => {
    const mine = await issued(gifu, 'kakamigahara-01', 'app-revoke');
    const foreign = await revoke(nagoya, 'jpki-auth', mine.serial);
    const unknown = await revoke(nagoya, 'jpki-auth', 'ABCDEF0123456789');
    expect(foreign.status).toBe(404);
    expect({ status: foreign.status, code: foreign.headers['ca-error-code'], body: foreign.body.length }).toEqual({ status: unknown.status, code: unknown.headers['ca-error-code'], body: unknown.body.length });
    expect(ca.service.certificatesForKey('jpki-auth', mine.spki).map((c) => c.serial)).toEqual([mine.serial]);
    const store = new CaStore(dir);
    try {
      expect(store.refusals()).toContainEqual({ terminalId: 'nagoya-01', municipalityCode: '23100', operation: 'x-revoke', code: 'CA_NOT_FOUND', details: { label: 'jpki-auth', serial: mine.serial } });
    } finally {
      store.close();
    }
    // The municipality's other terminal may revoke it (a card reported lost at another counter).
    const own = await revoke(gifuOther, 'jpki-auth', mine.serial);
    expect(own.status).toBe(200);
    expect(ca.service.certificatesForKey('jpki-auth', mine.spki)).toEqual([]);
  });

  test('the CA database records the issuing municipality per certificate', async () => {
    const mine = await issued(nagoya, 'nagoya-01', 'app-record');
    const db = new BetterSqlite3(ca.files.database, { readonly: true });
    try {
      expect(db.prepare('SELECT municipality_code FROM certificates WHERE serial = ?').pluck().get(mine.serial)).toBe('23100');
    } finally {
      db.close();
    }
  });
});
