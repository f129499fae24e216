import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EstClient } from '../../../src/sync/est-client';
import { classifyStatus, isEstError, type EstError } from '../../../src/sync/est-errors';
import { FakeEstServer, type Behaviour } from './fake-est-server';
import { makeCa, makeCsr, makeTls, type TestCa, type TlsMaterial } from './test-pki';
import { errorMessages } from '../../../src/words/errors';

jest.setTimeout(30_000);

let dir: string;
let tls: TlsMaterial;
let ca: TestCa;
let server: FakeEstServer;
let client: EstClient;
let csr: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-est-'));
  tls = makeTls(dir);
  ca = await makeCa('Test JPKI sign CA');
  server = new FakeEstServer(tls, ca, await makeCa('Impostor CA'));
  await server.listen();
  client = new EstClient({ url: server.url, trustAnchorPem: tls.caPem, clientCertPem: tls.clientCertPem, clientKeyPem: tls.clientKeyPem, responseTimeoutMs: 1500, connectTimeoutMs: 1500 });
  csr = await makeCsr('card key');
});

afterAll(async () => {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function enrollWith(behaviour: Behaviour) {
  const key = randomUUID();
  server.byKey.set(key, [behaviour]);
  return { key, result: client.simpleEnroll('jpki-sign', csr, key) };
}

async function errorOf(promise: Promise<unknown>): Promise<EstError> {
  try {
    await promise;
  } catch (error) {
    if (isEstError(error)) return error;
    throw error;
  }
  throw new Error('expected an EstError');
}

test('cacerts returns the label CA certificates', async () => {
  const certs = await client.cacerts('jpki-sign');
  expect(certs).toHaveLength(1);
  expect(Buffer.from(certs[0]?.der ?? []).equals(Buffer.from(ca.der))).toBe(true);
});

test('simpleenroll sends the exact CSR, base64, with the Idempotency-Key, and returns the matching certificate', async () => {
  const { key, result } = await enrollWith('ok');
  const answer = await result;
  const seen = server.seen.find((s) => s.idempotencyKey === key);
  expect(seen?.label).toBe('jpki-sign');
  expect(Buffer.from(seen?.body ?? '', 'base64').equals(Buffer.from(csr))).toBe(true);
  expect(answer.status).toBe('issued');
  if (answer.status !== 'issued') return;
  expect(answer.certificate.serialHex).toMatch(/^[0-9A-F]+$/);
  expect(answer.certificate.notAfter).toBe('2031-05-10T14:59:59.000Z');
  // Same key again: the CA replays the same certificate.
  server.byKey.set(key, ['ok']);
  const again = await client.simpleEnroll('jpki-sign', csr, key);
  expect(again.status === 'issued' && Buffer.from(again.certificate.der).equals(Buffer.from(answer.certificate.der))).toBe(true);
});

test('202 + Retry-After is a pending answer, not an error', async () => {
  server.retryAfter = '3';
  const { result } = await enrollWith('status202');
  await expect(result).resolves.toEqual({ status: 'pending', retryAfterMs: 3000 });
});

test.each([
  ['status500', 'EST_SERVER_ERROR', true, 500],
  ['status503', 'EST_SERVER_ERROR', true, 503],
  ['status429', 'EST_RATE_LIMITED', true, 429],
  ['status409', 'EST_IN_PROGRESS', true, 409],
  ['status409duplicate', 'EST_DUPLICATE_KEY', false, 409],
  ['status400', 'EST_BAD_REQUEST', false, 400],
  ['status401', 'EST_UNAUTHORIZED', false, 401],
  ['status422', 'EST_IDEMPOTENCY_CONFLICT', false, 422],
] as const)('HTTP answer %s → %s (retryable %s)', async (behaviour, code, retryable, status) => {
  const { result } = await enrollWith(behaviour);
  const error = await errorOf(result);
  expect(error).toMatchObject({ code, retryable, facts: { httpStatus: status } });
  // The words live in the renderer's catalogue, not in the error.
  expect(errorMessages[error.code].ja.length).toBeGreaterThan(0);
  expect(errorMessages[error.code].en.length).toBeGreaterThan(0);
});

test('429 and 503 carry the Retry-After delay', async () => {
  server.retryAfter = '7';
  expect(await errorOf((await enrollWith('status429')).result)).toMatchObject({ facts: { retryAfterMs: 7000 } });
  expect(await errorOf((await enrollWith('status503')).result)).toMatchObject({ facts: { retryAfterMs: 7000 } });
  server.retryAfter = '3';
});

test.each([
  ['garbage', 'EST_BAD_RESPONSE', true],
  ['truncated', 'EST_BAD_RESPONSE', true],
  ['cut', 'EST_BAD_RESPONSE', true],
  ['wrongChain', 'EST_WRONG_CHAIN', false],
  ['otherKey', 'EST_KEY_MISMATCH', false],
] as const)('a bad 200 answer (%s) → %s', async (behaviour, code, retryable) => {
  const error = await errorOf((await enrollWith(behaviour)).result);
  expect(error).toMatchObject({ code, retryable });
});

test('no answer → EST_TIMEOUT', async () => {
  const error = await errorOf((await enrollWith('silence')).result);
  expect(error).toMatchObject({ code: 'EST_TIMEOUT', retryable: true });
});

test('nothing listening → EST_NETWORK', async () => {
  const closed = new FakeEstServer(tls, ca, ca);
  await closed.listen();
  const url = closed.url;
  await closed.close();
  const other = new EstClient({ url, trustAnchorPem: tls.caPem, clientCertPem: tls.clientCertPem, clientKeyPem: tls.clientKeyPem, connectTimeoutMs: 1000 });
  try {
    expect(await errorOf(other.simpleEnroll('jpki-sign', csr, randomUUID()))).toMatchObject({ code: 'EST_NETWORK', retryable: true });
  } finally {
    other.close();
  }
});

test('a server certificate from another trust anchor is refused (the CA is pinned)', async () => {
  const otherDir = mkdtempSync(join(tmpdir(), 'madoguchi-est-other-'));
  try {
    const otherTls = makeTls(otherDir);
    const pinnedElsewhere = new EstClient({ url: server.url, trustAnchorPem: otherTls.caPem, clientCertPem: tls.clientCertPem, clientKeyPem: tls.clientKeyPem });
    try {
      expect(await errorOf(pinnedElsewhere.cacerts('jpki-sign'))).toMatchObject({ code: 'EST_TRUST', retryable: false });
    } finally {
      pinnedElsewhere.close();
    }
  } finally {
    rmSync(otherDir, { recursive: true, force: true });
  }
});

test('a client certificate the CA refuses (TLS 1.3: only a close after the handshake) is EST_TLS, not "offline"', async () => {
  const otherDir = mkdtempSync(join(tmpdir(), 'madoguchi-est-stranger-'));
  try {
    const stranger = makeTls(otherDir);
    const refused = new EstClient({ url: server.url, trustAnchorPem: tls.caPem, clientCertPem: stranger.clientCertPem, clientKeyPem: stranger.clientKeyPem, connectTimeoutMs: 3000 });
    try {
      expect(await errorOf(refused.simpleEnroll('jpki-sign', csr, randomUUID()))).toMatchObject({ code: 'EST_TLS', retryable: false });
      expect(await errorOf(refused.cacerts('jpki-sign'))).toMatchObject({ code: 'EST_TLS' });
    } finally {
      refused.close();
    }
  } finally {
    rmSync(otherDir, { recursive: true, force: true });
  }
});

test('a CA url that is not https is a configuration error', () => {
  expect(() => new EstClient({ url: 'http://127.0.0.1:1', trustAnchorPem: tls.caPem, clientCertPem: tls.clientCertPem, clientKeyPem: tls.clientKeyPem })).toThrow(
    expect.objectContaining({ code: 'EST_CONFIG' }),
  );
});

test.each([
  // The reference CA's Ca-Error-Code header wins over whatever the body says.
  ['duplicate words, header says in progress', 'a live certificate already exists', 'CA_IN_PROGRESS', 'EST_IN_PROGRESS', true],
  ['neutral body, header says duplicate', 'conflict', 'CA_DUPLICATE_KEY', 'EST_DUPLICATE_KEY', false],
  // Other EST CAs send no header: the body text decides.
  ['no header, duplicate body', 'this key already has a live certificate', undefined, 'EST_DUPLICATE_KEY', false],
  ['no header, neutral body', 'conflict', undefined, 'EST_IN_PROGRESS', true],
])('409 %s → %s', (_name, body, caErrorCode, code, retryable) => {
  const error = classifyStatus(409, body, undefined, caErrorCode);
  expect(error.code).toBe(code);
  expect(error.retryable).toBe(retryable);
});
