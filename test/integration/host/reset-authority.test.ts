/**
 * The terminal's CA client for x-reset against a CA that misbehaves: whatever comes back, the
 * answer is "refused with a reason" (a 4xx with its code) or "offline" (nothing changed), never
 * an unexpected exception and never a half-parsed value.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ensureTlsMaterial } from '../../../src/ca/tls-material';
import { HttpsResetAuthority, resetOutcomeOf } from '../../../src/host/reset-authority';

jest.setTimeout(60_000);

interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
  hang?: boolean;
}

let dir: string;
let server: Server;
let authority: HttpsResetAuthority;
let next: Scripted = { status: 200, body: '{}' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-reset-client-'));
  const tls = ensureTlsMaterial(dir);
  server = createServer({ key: tls.serverKeyPem, cert: tls.serverCertPem, ca: tls.clientCaPem, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    req.resume();
    req.on('end', () => {
      if (next.hang === true) return;
      res.writeHead(next.status, { 'Content-Type': 'application/json', ...next.headers });
      res.end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  authority = new HttpsResetAuthority(
    { url: `https://127.0.0.1:${port}`, trustAnchorPem: tls.tlsCaPem, clientCertPem: readFileSync(tls.files.clientCert, 'utf8'), clientKeyPem: readFileSync(tls.files.clientKey, 'utf8') },
    { connectTimeoutMs: 2_000, responseTimeoutMs: 1_500 },
  );
});
afterAll(async () => {
  authority.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const challengeInput = { terminalId: 'k', cardSerial: '212134200005065', resetKind: 'sign' as const, proving: { certificate: Uint8Array.of(0x30, 0x00) } };

async function outcomeOf(): Promise<unknown> {
  try {
    return { value: await authority.challenge(challengeInput) };
  } catch (error) {
    const outcome = resetOutcomeOf(error);
    if (outcome !== undefined) return outcome;
    throw error;
  }
}

test.each([
  [{ status: 403, headers: { 'Ca-Error-Code': 'CA_RESET_CARD_LOST' }, body: '{}' }, { kind: 'refused', reason: 'SELF_SERVICE_CARD_LOST' }],
  [{ status: 429, headers: { 'Ca-Error-Code': 'CA_RESET_RATE_LIMITED' }, body: '{}' }, { kind: 'refused', reason: 'SELF_SERVICE_RATE_LIMITED' }],
  [{ status: 403, headers: { 'Ca-Error-Code': 'CA_RESET_REVOKED' }, body: '' }, { kind: 'refused', reason: 'SELF_SERVICE_REVOKED' }],
  [{ status: 409, headers: { 'Ca-Error-Code': 'CA_RESET_NONCE_USED' }, body: '' }, { kind: 'refused', reason: 'SELF_SERVICE_CA_REFUSED' }],
  [{ status: 400, headers: { 'Ca-Error-Code': 'SOMETHING_NEW' }, body: '' }, { kind: 'refused', reason: 'SELF_SERVICE_CA_REFUSED' }],
  [{ status: 500, body: '{}' }, { kind: 'offline' }],
  [{ status: 503, body: '' }, { kind: 'offline' }],
  [{ status: 200, body: 'not json' }, { kind: 'offline' }],
  [{ status: 200, body: '{"nonce":"zz","expiresAt":"2026-01-01T00:00:00Z"}' }, { kind: 'offline' }],
  [{ status: 200, body: `{"nonce":"${'ab'.repeat(32)}","expiresAt":"2026-01-01T00:00:00Z","extra":1}` }, { kind: 'offline' }],
  [{ status: 200, body: Buffer.alloc(40_000, 0x20) }, { kind: 'offline' }],
  [{ status: 200, body: '', hang: true }, { kind: 'offline' }],
] as const)('misbehaving CA answer, case %#: a refusal with its reason or offline', async (scripted, expected) => {
  next = { ...scripted, headers: { ...('headers' in scripted ? scripted.headers : {}) } };
  expect(await outcomeOf()).toEqual(expected);
});

test('a well-formed answer is taken as is', async () => {
  next = { status: 200, body: JSON.stringify({ nonce: 'ab'.repeat(32), expiresAt: '2026-11-28T10:05:00.000Z' }) };
  expect(await outcomeOf()).toEqual({ value: { nonce: new Uint8Array(32).fill(0xab), expiresAt: Date.parse('2026-11-28T10:05:00.000Z') } });
});

test('fuzzed 200 answers to authorize are a valid authorisation or offline, nothing else', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 2 }), fc.record({ issuerAuthentication: fc.string(), reference: fc.string() }).map((r) => JSON.stringify(r))), async (body) => {
      next = { status: 200, body };
      try {
        const answer = await authority.authorize({ terminalId: 'k', nonce: new Uint8Array(32), signature: new Uint8Array(256), cardChallenge: new Uint8Array(8) });
        expect(answer.issuerAuthentication).toHaveLength(64);
      } catch (error) {
        expect(resetOutcomeOf(error)).toEqual({ kind: 'offline' });
      }
    }),
    { numRuns: 60 },
  );
});
