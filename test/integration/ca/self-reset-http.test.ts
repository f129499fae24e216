import { sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { findTrainingCaDir } from '../../../src/ca/hierarchy';
import { startReferenceCa, type ReferenceCa } from '../../../src/ca/reference-ca';
import { provingCertificateSerialOf, resetProofMessage } from '../../../src/pki/reset-proof';
import { call } from './https-client';

jest.setTimeout(120_000);

const trainingDir = join(findTrainingCaDir() ?? '', '..');
const cardFile = JSON.parse(readFileSync(join(trainingDir, 'cards', 'r06-sign-locked.json'), 'utf8')) as { serial: string; keys: { auth: string }; files: { authCert: { data: string } } };

let dir: string;
let ca: ReferenceCa;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-reset-http-'));
  ca = await startReferenceCa({ dataDir: dir, port: 0, host: '127.0.0.1', training: true, resetLimits: { perCardPerDay: 1_000, perTerminalPerDay: 100_000, nonceTtlMs: 300_000 } });
});
afterAll(async () => {
  await ca.close();
  rmSync(dir, { recursive: true, force: true });
});

const tls = () => ({ ca: ca.tlsCaPem, cert: ca.clientCertPem, key: ca.clientKeyPem });
const post = (path: string, body: string | Buffer, contentType = 'application/json') => call(ca.url, tls(), 'POST', path, body, { 'Content-Type': contentType });

test('over HTTPS: challenge, card proof, authorisation; the replay answers 409 with its code', async () => {
  const challenge = await post('/.well-known/est/x-reset/challenge', JSON.stringify({ terminalId: 'kiosk-1', cardSerial: cardFile.serial, resetKind: 'sign', provingCertificate: cardFile.files.authCert.data }));
  expect(challenge.status).toBe(200);
  const { nonce } = JSON.parse(challenge.body.toString('utf8')) as { nonce: string };
  const provingCertificateSerial = provingCertificateSerialOf(Buffer.from(cardFile.files.authCert.data, 'base64'));
  const proofFor = { nonce: Buffer.from(nonce, 'hex'), cardChallenge: Buffer.from('1122334455667788', 'hex'), resetKind: 'sign' as const, cardSerial: cardFile.serial, provingCertificateSerial };
  const signature = sign('sha256', resetProofMessage(proofFor), cardFile.keys.auth).toString('base64');
  const body = JSON.stringify({ terminalId: 'kiosk-1', nonce, signature, cardChallenge: '1122334455667788' });
  const first = await post('/.well-known/est/x-reset/authorize', body);
  expect(first.status).toBe(200);
  expect(JSON.parse(first.body.toString('utf8'))).toMatchObject({ issuerAuthentication: expect.stringMatching(/^[0-9a-f]{128}$/) as unknown });
  const replay = await post('/.well-known/est/x-reset/authorize', body.replace('1122334455667788', '8877665544332211'));
  expect(replay.status).toBe(409);
  expect(replay.headers['ca-error-code']).toBe('CA_RESET_NONCE_USED');
});

test('GET, a wrong media type and an oversized body are refused with 4xx', async () => {
  expect((await call(ca.url, tls(), 'GET', '/.well-known/est/x-reset/challenge')).status).toBe(405);
  expect((await post('/.well-known/est/x-reset/challenge', '{}', 'text/plain')).status).toBe(415);
  expect((await post('/.well-known/est/x-reset/authorize', Buffer.alloc(70_000, 0x61))).status).toBe(413);
});

test('fuzzed bodies on both endpoints answer 4xx, never 5xx', async () => {
  const base = { terminalId: 'kiosk-1', cardSerial: cardFile.serial, resetKind: 'sign', provingCertificate: cardFile.files.authCert.data, nonce: 'ab'.repeat(32), signature: 'AAAA', cardChallenge: '00'.repeat(8) };
  const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.base64String({ maxLength: 200 }), fc.array(fc.integer(), { maxLength: 3 }));
  const body = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.record({ key: fc.constantFrom(...Object.keys(base)), value }).map(({ key, value: v }) => JSON.stringify({ ...base, [key]: v })),
    fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 6 }).map((d) => JSON.stringify(d)),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('challenge', 'authorize'), body, async (operation, text) => {
      const reply = await post(`/.well-known/est/x-reset/${operation}`, text);
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
    }),
    { numRuns: 60 },
  );
});
