import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selfSignedCa } from '../../../src/ca/cert-factory';
import { buildCertificate, randomSerial } from '../../../src/pki/certificate-builder';
import { buildCrl, isRevoked, parseCrl, verifyCrl } from '../../../src/pki/crl';
import { integerHex } from '../../../src/pki/der';
import { keyUsageExtension, rawExtension } from '../../../src/pki/extensions';
import { certificateToPem, isSignedBy, parseCertificate } from '../../../src/pki/jpki-certificate';
import { buildName } from '../../../src/pki/names';
import { extensionOids } from '../../../src/pki/oids';
import { buildCertsOnly, parseCertsOnly } from '../../../src/pki/pkcs7';
import { buildJpkiSan, isoFromJpkiBirthDate, jpkiBirthDate, parseJpkiSan, type JpkiSanValues } from '../../../src/pki/san';
import * as asn1js from 'asn1js';
import { openssl, pem, withTempFiles } from './fake-card';

// RSA key generation is slow on a shared 2-core machine.
jest.setTimeout(30_000);

const caKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const ca = selfSignedCa([{ type: 'C', value: 'JP' }, { type: 'O', value: 'JPKI-TEST' }, { type: 'OU', value: 'JPKI for digital signature' }], caKey, 10);
const eeKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const eeSpki = new Uint8Array(eeKey.publicKey.export({ format: 'der', type: 'spki' }));

const facts: JpkiSanValues = { name: '各務原 太郎', nameSubstitute: '', sex: '1', birthDate: jpkiBirthDate('1985-02-28'), address: '岐阜県各務原市那加桜町1丁目69番地', addressSubstitute: '' };

function eeCertificate(serial = randomSerial()): Uint8Array {
  return buildCertificate({
    serial,
    issuer: ca.subject,
    subject: buildName([{ type: 'C', value: 'JP' }, { type: 'L', value: '各務原市' }, { type: 'CN', value: 'ABCDEFGHIJKLMNOPQRSTUVW' }]),
    spkiDer: eeSpki,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2030-02-28T14:59:59Z'),
    extensions: [keyUsageExtension(['digitalSignature', 'nonRepudiation']), rawExtension(extensionOids.subjectAltName, false, buildJpkiSan(facts))],
    signingKey: caKey,
  });
}

describe('JPKI SAN and certificates', () => {
  it('encodes the birth date with the era digit (docs/jpki-card.md §8)', () => {
    expect(jpkiBirthDate('1985-02-28')).toBe('319850228');
    expect(jpkiBirthDate('1989-01-07')).toBe('319890107');
    expect(jpkiBirthDate('1989-01-08')).toBe('419890108');
    expect(jpkiBirthDate('2019-05-01')).toBe('520190501');
    expect(isoFromJpkiBirthDate('319850228')).toBe('1985-02-28');
  });

  it('round-trips the otherName SAN byte-exactly as [0]{OID,[0]{UTF8String}}', () => {
    const der = buildJpkiSan(facts);
    expect(parseJpkiSan(der)).toEqual(facts);
    // First otherName: A0 len, OID 1.2.392.200149.8.5.5.1, A0 len, UTF8String (0C) …
    expect(Buffer.from(der).toString('hex')).toMatch(/^30[0-9a-f]{2,6}a0[0-9a-f]{2}060a2a83088c9b5508050501a0[0-9a-f]{2}0c/);
  });

  it('builds a certificate pkijs and openssl both accept, with the SAN facts readable back', () => {
    const der = eeCertificate();
    const cert = parseCertificate(der);
    expect(cert.san).toEqual(facts);
    expect(cert.subjectText).toBe('C=JP, L=各務原市, CN=ABCDEFGHIJKLMNOPQRSTUVW');
    expect(cert.notAfter).toBe('2030-02-28T14:59:59.000Z');
    expect(cert.kind).toBe('sign');
    expect(isSignedBy(der, ca.certDer)).toBe(true);
    expect(isSignedBy(der, der)).toBe(false);
    const out = withTempFiles({ 'ca.pem': certificateToPem(ca.certDer), 'ee.pem': certificateToPem(der) }, (dir) => ({
      text: openssl(['x509', '-in', 'ee.pem', '-noout', '-text', '-nameopt', 'utf8'], dir).output,
      verify: openssl(['verify', '-CAfile', 'ca.pem', 'ee.pem'], dir).output,
    }));
    expect(out.text).toContain('othername: 1.2.392.200149.8.5.5.1::各務原 太郎');
    expect(out.text).toContain('othername: 1.2.392.200149.8.5.5.4::319850228');
    expect(out.text).toContain('Digital Signature, Non Repudiation');
    expect(out.verify).toContain('ee.pem: OK');
  });
});

describe('PKCS#7 certs-only', () => {
  it('builds what openssl pkcs7 -print_certs lists, and parses it back in order', () => {
    const ee = eeCertificate();
    const p7 = buildCertsOnly([ee, ca.certDer]);
    expect(parseCertsOnly(p7)).toEqual([ee, ca.certDer]);
    const out = withTempFiles({ 'p7.der': p7 }, (dir) => openssl(['pkcs7', '-inform', 'DER', '-in', 'p7.der', '-print_certs', '-noout'], dir));
    expect(out.status).toBe(0);
    expect(out.output.match(/subject=/g)).toHaveLength(2);
  });

  it('reads a certs-only written by openssl crl2pkcs7', () => {
    const ee = eeCertificate();
    const p7 = withTempFiles({ 'ee.pem': certificateToPem(ee) }, (dir) => {
      openssl(['crl2pkcs7', '-nocrl', '-certfile', 'ee.pem', '-outform', 'DER', '-out', 'p7.der'], dir);
      return new Uint8Array(readFileSync(join(dir, 'p7.der')));
    });
    expect(parseCertsOnly(p7)).toEqual([ee]);
  });
});

describe('CRL', () => {
  it('builds a CRL openssl verifies, that marks exactly the revoked serial', () => {
    const revokedSerial = randomSerial();
    const revoked = eeCertificate(revokedSerial);
    const good = eeCertificate();
    const serialHex = integerHex(new asn1js.Integer({ valueHex: revokedSerial }));
    const der = buildCrl({
      issuerCertDer: ca.certDer,
      signingKey: caKey,
      entries: [{ serialHex, revokedAt: new Date('2026-01-02T03:04:05Z'), reason: 'keyCompromise' }],
      crlNumber: 7,
      thisUpdate: new Date(Date.now() - 60_000),
      nextUpdate: new Date(Date.now() + 86_400_000),
    });
    const crl = parseCrl(der);
    expect(crl.crlNumber).toBe(7);
    expect(verifyCrl(crl, ca.certDer)).toBe(true);
    expect(isRevoked(crl, serialHex)).toMatchObject({ reason: 'keyCompromise' });
    expect(isRevoked(crl, parseCertificate(good).serialHex)).toBeUndefined();
    const files = { 'ca.pem': certificateToPem(ca.certDer), 'crl.pem': pem('X509 CRL', der), 'bad.pem': certificateToPem(revoked), 'good.pem': certificateToPem(good) };
    const out = withTempFiles(files, (dir) => ({
      crl: openssl(['crl', '-in', 'crl.pem', '-CAfile', 'ca.pem', '-noout'], dir).output,
      bad: openssl(['verify', '-crl_check', '-CRLfile', 'crl.pem', '-CAfile', 'ca.pem', 'bad.pem'], dir).output,
      good: openssl(['verify', '-crl_check', '-CRLfile', 'crl.pem', '-CAfile', 'ca.pem', 'good.pem'], dir).output,
    }));
    expect(out.crl).toMatch(/verify OK/);
    expect(out.bad).toMatch(/certificate revoked/);
    expect(out.good).toContain('good.pem: OK');
  });

  it('builds an empty CRL without a revokedCertificates field', () => {
    const crl = parseCrl(buildCrl({ issuerCertDer: ca.certDer, signingKey: caKey, entries: [], crlNumber: 1, thisUpdate: new Date(), nextUpdate: new Date(Date.now() + 1000) }));
    expect(crl.entries).toEqual([]);
    expect(verifyCrl(crl, ca.certDer)).toBe(true);
  });
});
