/**
 * The DER walk that finds the issued certificate in a CA answer without a full ASN.1 tree
 * (the terminal's CPU per request, bench/backlog-drain): it agrees with the full parser on
 * real answers, and tampered or cut answers end as PkiError (walk) or EstError (client),
 * never as anything else and never as a certificate that is not the CSR key's, verified.
 */
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import fc from 'fast-check';
import { certificateSlices, certificateSpkiSha256, csrSpkiSha256Slice } from '../../../src/pki/der-slices';
import { ensurePkiEngine } from '../../../src/pki/engine';

import { parseCertificate, type ParsedCertificate } from '../../../src/pki/jpki-certificate';
import { csrSpkiSha256, issuedCertificateFrom, parseCertsOnly } from '../../../src/sync/certs-only';

import { certsOnly, issue, makeCa, makeCsr, type TestCa } from './test-pki';

jest.setTimeout(120_000);

let ca: TestCa;
let other: TestCa;
let csr: Uint8Array;
let leafDer: Uint8Array;
let answer: Uint8Array;
let issuers: ParsedCertificate[];
let expectedSpki: string;

beforeAll(async () => {
  ca = await makeCa('Walk CA');
  other = await makeCa('Other CA');
  csr = await makeCsr('card');
  leafDer = await issue(ca, csr);
  answer = certsOnly([leafDer, ca.der]);
  issuers = [parseCertificate(ca.der)];
  expectedSpki = parseCertificate(leafDer).spkiSha256;
});

test('slices are exactly the certificates the PKCS#7 holds, in order', () => {
  const slices = certificateSlices(answer);
  expect(slices.map((s) => Buffer.from(s).toString('hex'))).toEqual([leafDer, ca.der].map((d) => Buffer.from(d).toString('hex')));
  expect(slices.map((s) => Buffer.from(s).toString('hex'))).toEqual(parseCertsOnly(answer).map((c) => Buffer.from(c.der).toString('hex')));
  expect(certificateSlices(certsOnly([]))).toEqual([]);
});

test('the SPKI hashes agree with the full parsers (certificate and CSR)', () => {
  for (const der of [leafDer, ca.der, other.der]) expect(certificateSpkiSha256(der)).toBe(parseCertificate(der).spkiSha256);
  ensurePkiEngine();
  const full = pkijs.CertificationRequest.fromBER(new Uint8Array(csr));
  const fullHash = createHash('sha256').update(new Uint8Array(full.subjectPublicKeyInfo.toSchema().toBER(false))).digest('hex');
  expect(csrSpkiSha256Slice(csr)).toBe(fullHash);
  expect(csrSpkiSha256(csr)).toBe(expectedSpki);
});

test('the issued certificate is found, verified, and the same as the full path finds', async () => {
  const leaf = await issuedCertificateFrom(answer, expectedSpki, issuers);
  expect(leaf.serialHex).toBe(parseCertificate(leafDer).serialHex);
  // The CA certificate first: order does not matter.
  expect((await issuedCertificateFrom(certsOnly([ca.der, leafDer]), expectedSpki, issuers)).serialHex).toBe(leaf.serialHex);
  await expect(issuedCertificateFrom(answer, 'ab'.repeat(32), issuers)).rejects.toMatchObject({ code: 'EST_KEY_MISMATCH' });
  await expect(issuedCertificateFrom(answer, expectedSpki, [parseCertificate(other.der)])).rejects.toMatchObject({ code: 'EST_WRONG_CHAIN' });
});

test.each([
  ['indefinite length', (d: Uint8Array) => Uint8Array.from([0x30, 0x80, ...d.subarray(4), 0, 0])],
  ['trailing byte', (d: Uint8Array) => Uint8Array.from([...d, 0])],
  ['cut short', (d: Uint8Array) => d.subarray(0, d.length - 1)],
  ['not a sequence', (d: Uint8Array) => Uint8Array.from([0x31, ...d.subarray(1)])],
  ['empty', () => new Uint8Array(0)],
])('the walk refuses %s with a PkiError', (_name, tamper) => {
  expect(() => certificateSlices(tamper(answer))).toThrow(expect.objectContaining({ name: 'CodedError', code: expect.stringMatching(/^PKI_/) }));
});

test('a non-minimal length is refused', () => {
  // 30 81 05 …: five bytes written in long form.
  expect(() => certificateSlices(Uint8Array.from([0x30, 0x81, 0x05, 0x06, 0x01, 0x00, 0x05, 0x00]))).toThrow(/length not minimal/);
});

test('tampered answers: a PkiError from the walk, an EstError from the client, or the verified leaf — nothing else', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
        fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), bits: fc.constant(0) }),
        fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bits: fc.integer({ min: 0, max: 255 }) }),
      ),
      async ({ kind, at, bits }) => {
        const i = at % answer.length;
        const tampered =
          kind === 'flip' ? Uint8Array.from(answer, (b, j) => (j === i ? b ^ bits : b)) : kind === 'cut' ? answer.subarray(0, i) : Uint8Array.from([...answer.subarray(0, i), bits, ...answer.subarray(i)]);
        try {
          for (const slice of certificateSlices(tampered)) expect(slice.length).toBeLessThanOrEqual(tampered.length);
        } catch (error) {
          expect(error).toEqual(expect.objectContaining({ name: 'CodedError', code: expect.stringMatching(/^PKI_/) }));
        }
        try {
          const leaf = await issuedCertificateFrom(tampered, expectedSpki, issuers);
          // Only an untouched leaf can pass: its key and its issuer's signature are checked.
          expect(leaf.spkiSha256).toBe(expectedSpki);
          expect(Buffer.from(leaf.der).equals(Buffer.from(leafDer))).toBe(true);
        } catch (error) {
          expect(error).toEqual(expect.objectContaining({ name: 'CodedError', code: expect.stringMatching(/^EST_/) }))
        }
      },
    ),
    { numRuns: 400 },
  );
});
