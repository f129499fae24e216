import * as asn1js from 'asn1js';
import { buildCsr, parseCsr } from '../../../src/pki/csr';
import { applicantAttributeOids, type CsrApplicant } from '../../../src/pki/csr-attributes';
import { buildCsrAttrs, parseCsrAttrs } from '../../../src/pki/csrattrs';
import { csrAttributeOids } from '../../../src/pki/oids';

import { fakeCardKey, openssl, withTempFiles } from './fake-card';

// RSA key generation is slow on a shared 2-core machine.
jest.setTimeout(30_000);

const card = fakeCardKey();
const signApplicant: CsrApplicant = {
  certificateKind: 'sign',
  applicationId: '0b8f2c1e-5d1a-4f3e-9c55-1f1f7f0f2a01',
  terminalId: 'kakamigahara-01',
  birthDate: '1990-05-10',
  name: '各務原 花子',
  address: '岐阜県各務原市那加桜町1丁目69番地',
  sex: '2',
  cardExpiry: '2034-05-10',
};
const subject = [
  { type: 'C', value: 'JP' },
  { type: 'CN', value: signApplicant.applicationId },
] as const;

describe('buildCsr / parseCsr', () => {
  it('builds a CSR that openssl verifies and whose attributes round-trip', async () => {
    const der = await buildCsr({ spkiDer: card.spkiDer, subject, applicant: signApplicant, signer: card.signer });
    const parsed = parseCsr(der);
    expect(parsed.applicant).toEqual(signApplicant);
    expect(parsed.subject).toEqual([...subject]);
    expect(Buffer.from(parsed.spkiDer).equals(Buffer.from(card.spkiDer))).toBe(true);
    expect(parsed.spkiSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(parsed.keyBits).toBe(2048);
    const result = withTempFiles({ 'req.der': der }, (dir) => openssl(['req', '-inform', 'DER', '-in', 'req.der', '-verify', '-noout', '-subject'], dir));
    expect(result.output).toMatch(/verify OK/i);
    // Separate RDNs, not one multi-valued RDN (pitfall A).
    expect(result.output).toMatch(/C\s*=\s*JP,\s*CN\s*=/);
    expect(result.status).toBe(0);
  });

  it('is deterministic: the same inputs give the same bytes (stable de-dup key)', async () => {
    const a = await buildCsr({ spkiDer: card.spkiDer, subject, applicant: signApplicant, signer: card.signer });
    const b = await buildCsr({ spkiDer: card.spkiDer, subject, applicant: signApplicant, signer: card.signer });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('writes the attributes SET OF in DER order (X.690 §11.6), so DER re-encoders keep the signed bytes', async () => {
    const applicant: CsrApplicant = { ...signApplicant, previousExpiry: '2029-05-10', cardType: 'myNumberCard' };
    const der = await buildCsr({ spkiDer: card.spkiDer, subject, applicant, signer: card.signer });
    const decoded = asn1js.fromBER(new Uint8Array(der));
    expect(decoded.offset).toBe(der.length);
    const csr = decoded.result;
    if (!(csr instanceof asn1js.Sequence)) throw new Error('CSR is not a SEQUENCE');
    const info = csr.valueBlock.value[0];
    if (!(info instanceof asn1js.Sequence)) throw new Error('CertificationRequestInfo is not a SEQUENCE');
    const attributes = info.valueBlock.value[3];
    if (!(attributes instanceof asn1js.Constructed)) throw new Error('no [0] attributes');
    const encodings = attributes.valueBlock.value.map((a) => Buffer.from(a.valueBeforeDecodeView));
    // All ten attributes; their DER order (length byte first) differs from the OID table order.
    expect(encodings).toHaveLength(10);
    const sorted = [...encodings].sort(Buffer.compare);
    expect(encodings).toEqual(sorted);
    expect(parseCsr(der).applicant).toEqual(applicant);
  });

  it('round-trips an auth request with renewal data and no personal data', async () => {
    const applicant: CsrApplicant = { certificateKind: 'auth', applicationId: 'app-2', terminalId: 't-1', birthDate: '2000-02-29', previousExpiry: '2026-02-28', cardType: 'myNumberCard' };
    const parsed = parseCsr(await buildCsr({ spkiDer: card.spkiDer, subject, applicant, signer: card.signer }));
    expect(parsed.applicant).toEqual(applicant);
  });

  it('refuses an auth request carrying the basic 4 information', async () => {
    const applicant = { ...signApplicant, certificateKind: 'auth' } as unknown as CsrApplicant;
    await expect(buildCsr({ spkiDer: card.spkiDer, subject, applicant, signer: card.signer })).rejects.toThrow();
  });

  it('refuses a signature made by another key (wrong card answer)', async () => {
    const other = fakeCardKey();
    await expect(buildCsr({ spkiDer: card.spkiDer, subject, applicant: signApplicant, signer: other.signer })).rejects.toMatchObject({ code: 'PKI_BAD_SIGNATURE' });
  });

  it('turns a failing signer into PKI_SIGNER_FAILED', async () => {
    await expect(
      buildCsr({ spkiDer: card.spkiDer, subject, applicant: signApplicant, signer: () => Promise.reject(new Error('card removed')) }),
    ).rejects.toMatchObject({ code: 'PKI_SIGNER_FAILED' });
  });

  it('detects a tampered CSR', async () => {
    const der = await buildCsr({ spkiDer: card.spkiDer, subject, applicant: signApplicant, signer: card.signer });
    const text = Buffer.from(der);
    const at = text.indexOf(Buffer.from('kakamigahara-01'));
    expect(at).toBeGreaterThan(0);
    text[at] = 'K'.charCodeAt(0);
    expect(() => parseCsr(new Uint8Array(text))).toThrow(expect.objectContaining({ name: 'CodedError', code: expect.stringMatching(/^PKI_/) }));
    expect(() => parseCsr(new Uint8Array(text))).toThrow(expect.objectContaining({ code: 'PKI_BAD_SIGNATURE' }));
  });
});

describe('CsrAttrs (EST csrattrs body)', () => {
  it('lists the kind-specific private-arc OIDs and round-trips them as bare OIDs', () => {
    const sign = applicantAttributeOids('sign');
    const auth = applicantAttributeOids('auth');
    expect(sign).toHaveLength(11);
    expect(sign).toContain(csrAttributeOids.cardSerial);
    const basicInformation: readonly string[] = [csrAttributeOids.name, csrAttributeOids.address, csrAttributeOids.sex];
    expect(auth).toEqual(sign.filter((oid) => !basicInformation.includes(oid)));
    expect(parseCsrAttrs(buildCsrAttrs(sign))).toEqual(sign.map((oid) => ({ oid, isAttribute: false })));
    const result = withTempFiles({ 'attrs.der': buildCsrAttrs(auth) }, (dir) => openssl(['asn1parse', '-inform', 'DER', '-in', 'attrs.der'], dir));
    expect(result.status).toBe(0);
    expect(result.output.match(/OBJECT\s+:1\.3\.6\.1\.4\.1\.32473\.1\.1\.\d+/g)).toHaveLength(auth.length);
  });

  it('refuses bad OIDs when building and anything but OIDs/Attributes when parsing', () => {
    expect(() => buildCsrAttrs(['not.an.oid'])).toThrow(expect.objectContaining({ code: 'PKI_BAD_CSRATTRS' }));
    const notASequence = new Uint8Array([0x05, 0x00]);
    expect(() => parseCsrAttrs(notASequence)).toThrow(expect.objectContaining({ code: 'PKI_BAD_CSRATTRS' }));
    const sequenceOfNull = new Uint8Array([0x30, 0x02, 0x05, 0x00]);
    expect(() => parseCsrAttrs(sequenceOfNull)).toThrow(expect.objectContaining({ code: 'PKI_BAD_CSRATTRS' }));
    expect(() => parseCsrAttrs(new Uint8Array([0x30, 0x05, 0x06]))).toThrow(expect.objectContaining({ code: 'PKI_BAD_CSRATTRS' }));
  });
});
