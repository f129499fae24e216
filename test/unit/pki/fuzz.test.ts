import { isCodedError } from '../../../src/errors/coded-error';
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { selfSignedCa } from '../../../src/ca/cert-factory';
import { buildCrl, parseCrl } from '../../../src/pki/crl';
import { buildCsr, parseCsr } from '../../../src/pki/csr';
import { pkiErrorCodes } from '../../../src/pki/errors';
import { parseCertificate } from '../../../src/pki/jpki-certificate';
import { buildCertsOnly, parseCertsOnly } from '../../../src/pki/pkcs7';
import { buildJpkiSan, parseJpkiSan } from '../../../src/pki/san';
import { fakeCardKey } from './fake-card';

// RSA key generation is slow on a shared 2-core machine.
jest.setTimeout(30_000);

/** Either a value or a PkiError: anything else (TypeError, RangeError…) is a crash. */
function onlyTypedErrors(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch (error) {
    if (isCodedError(error, pkiErrorCodes)) return true;
    throw error;
  }
}

const caKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const ca = selfSignedCa([{ type: 'C', value: 'JP' }, { type: 'CN', value: 'fuzz CA' }], caKey, 1);
const samples: Record<string, { der: Uint8Array; parse: (der: Uint8Array) => unknown }> = {};

beforeAll(async () => {
  const card = fakeCardKey();
  const csr = await buildCsr({
    spkiDer: card.spkiDer,
    subject: [{ type: 'C', value: 'JP' }],
    applicant: { certificateKind: 'auth', applicationId: 'a', terminalId: 't', birthDate: '2000-01-01' },
    signer: card.signer,
  });
  samples['csr'] = { der: csr, parse: parseCsr };
  samples['certificate'] = { der: ca.certDer, parse: parseCertificate };
  samples['pkcs7'] = { der: buildCertsOnly([ca.certDer]), parse: parseCertsOnly };
  samples['crl'] = {
    der: buildCrl({ issuerCertDer: ca.certDer, signingKey: caKey, entries: [{ serialHex: '1234', revokedAt: new Date(), reason: 'superseded' }], crlNumber: 1, thisUpdate: new Date(), nextUpdate: new Date(Date.now() + 1000) }),
    parse: parseCrl,
  };
  samples['san'] = { der: buildJpkiSan({ name: 'a', nameSubstitute: '', sex: '1', birthDate: '420000101', address: 'b', addressSubstitute: '' }), parse: parseJpkiSan };
});

describe.each(['csr', 'certificate', 'pkcs7', 'crl', 'san'])('%s parser on damaged DER', (name) => {
  it('throws only PkiError for every truncation', () => {
    const sample = samples[name];
    if (sample === undefined) throw new Error('sample missing');
    fc.assert(fc.property(fc.integer({ min: 0, max: sample.der.length - 1 }), (cut) => onlyTypedErrors(() => sample.parse(sample.der.slice(0, cut)))), { numRuns: 150 });
    // A truncated object is never accepted as valid.
    expect(() => sample.parse(sample.der.slice(0, sample.der.length - 1))).toThrow(expect.objectContaining({ name: 'CodedError', code: expect.stringMatching(/^PKI_/) }));
  });

  it('throws only PkiError (or parses) for mutated bytes', () => {
    const sample = samples[name];
    if (sample === undefined) throw new Error('sample missing');
    const mutation = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(mutation, (edits) => {
        const bytes = sample.der.slice();
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        return onlyTypedErrors(() => sample.parse(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('throws only PkiError for random bytes', () => {
    const sample = samples[name];
    if (sample === undefined) throw new Error('sample missing');
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => onlyTypedErrors(() => sample.parse(bytes))), { numRuns: 200 });
  });
});
