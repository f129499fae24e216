import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import { generateJpkiCa } from '../../../src/ca/hierarchy';
import { decodeBase64Body, parseIdempotencyKey } from '../../../src/ca/http-handler';
import { endOfJstDay, issueJpkiCertificate, jstDate, localities, opaqueSubjectId } from '../../../src/ca/profile';
import { main } from '../../../src/shells/cli/main';
import { buildCsr, parseCsr } from '../../../src/pki/csr';
import { parseCertificate, isSignedBy } from '../../../src/pki/jpki-certificate';
import { fakeCardKey } from '../pki/fake-card';

// RSA key generation is slow on a shared 2-core machine.
jest.setTimeout(30_000);

describe('JPKI certificate profile (docs/jpki-card.md §8, R-VAL)', () => {
  it('counts the issue day in Japan time and ends validity at 23:59:59 JST', () => {
    expect(jstDate(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
    expect(jstDate(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
    expect(endOfJstDay('2031-05-10').toISOString()).toBe('2031-05-10T14:59:59.000Z');
  });

  it('splits prefecture and municipality out of an address for the L RDNs', () => {
    expect(localities('岐阜県各務原市那加桜町1丁目69番地')).toEqual(['岐阜県', '各務原市']);
    expect(localities('東京都千代田区永田町1丁目')).toEqual(['東京都', '千代田区']);
    expect(localities('北海道札幌市中央区')).toEqual(['北海道', '札幌市']);
  });

  it('makes 23-character opaque ids', () => {
    const ids = new Set(Array.from({ length: 50 }, () => opaqueSubjectId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Z0-9]{23}$/);
  });

  it('R-VAL-1: issues until the 5th birthday after the JST issue day, capped by the card (R-VAL-3)', async () => {
    const ca = generateJpkiCa('auth', 'JPKI-TEST');
    const card = fakeCardKey();
    const applicant = { certificateKind: 'auth', applicationId: 'a', terminalId: 't', birthDate: '1990-05-10' } as const;
    const csr = parseCsr(await buildCsr({ spkiDer: card.spkiDer, subject: [{ type: 'C', value: 'JP' }], applicant, signer: card.signer }));
    // 2024-05-09 JST: the birthday the next day is the first after issue (docs/rules.md example).
    const issued = issueJpkiCertificate(ca, csr, new Date('2024-05-09T03:00:00Z'));
    expect(issued.notAfter).toBe('2028-05-10T14:59:59.000Z');
    const cert = parseCertificate(issued.der);
    expect(cert.notAfter).toBe(issued.notAfter);
    expect(cert.serialHex).toBe(issued.serialHex);
    expect(isSignedBy(issued.der, ca.certDer)).toBe(true);
    const capped = parseCsr(await buildCsr({ spkiDer: card.spkiDer, subject: [{ type: 'C', value: 'JP' }], applicant: { ...applicant, cardExpiry: '2027-01-31' }, signer: card.signer }));
    expect(issueJpkiCertificate(ca, capped, new Date('2024-05-09T03:00:00Z')).notAfter).toBe('2027-01-31T14:59:59.000Z');
    // R-ELIG-3 / R-ELIG-4: no certificate onto a juki card, no signing certificate before 15.
    const juki = parseCsr(await buildCsr({ spkiDer: card.spkiDer, subject: [{ type: 'C', value: 'JP' }], applicant: { ...applicant, cardType: 'jukiCard' }, signer: card.signer }));
    expect(() => issueJpkiCertificate(ca, juki, new Date('2024-05-09T03:00:00Z'))).toThrow(expect.objectContaining({ code: 'CA_NOT_ISSUABLE' }));
    const signCa = generateJpkiCa('sign', 'JPKI-TEST');
    const child = { certificateKind: 'sign', applicationId: 'c', terminalId: 't', birthDate: '2010-06-01', name: '子', address: '岐阜県各務原市', sex: '1' } as const;
    const young = parseCsr(await buildCsr({ spkiDer: card.spkiDer, subject: [{ type: 'C', value: 'JP' }], applicant: child, signer: card.signer }));
    expect(() => issueJpkiCertificate(signCa, young, new Date('2025-05-31T03:00:00Z'))).toThrow(expect.objectContaining({ code: 'CA_NOT_ISSUABLE' }));
    expect(issueJpkiCertificate(signCa, young, new Date('2025-06-01T03:00:00Z')).notAfter).toBe('2030-06-01T14:59:59.000Z');
    // The signing CA refuses an auth request.
    expect(() => issueJpkiCertificate(signCa, csr, new Date())).toThrow(expect.objectContaining({ code: 'CA_WRONG_PROFILE' }));
  });
});

describe('EST request parsing', () => {
  it('accepts quoted and bare Idempotency-Key values and refuses odd ones', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('"3f1c0a5e-1111-4222-8333-944455556666"')).toBe('3f1c0a5e-1111-4222-8333-944455556666');
    expect(parseIdempotencyKey('abc')).toBe('abc');
    for (const bad of ['', 'a b', 'x'.repeat(256), '"', ['a', 'b']]) expect(() => parseIdempotencyKey(bad)).toThrow(expect.objectContaining({ code: 'CA_BAD_IDEMPOTENCY_KEY' }));
  });

  it('decodes base64 with line breaks and refuses anything else', () => {
    expect(Buffer.from(decodeBase64Body(Buffer.from('AAEC\r\nAw==\n')))).toEqual(Buffer.from([0, 1, 2, 3]));
    for (const bad of ['', '***', 'AAE', '====']) expect(() => decodeBase64Body(Buffer.from(bad))).toThrow(expect.objectContaining({ code: 'CA_BAD_BASE64' }));
  });
});

describe('madoguchi ca serve (arguments)', () => {
  const io = () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    return { io: { stdin: new PassThrough(), stdout, stderr, env: {} }, err: () => err };
  };
  it('refuses bad options with a usage error (exit 2) before starting anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-ca-args-'));
    try {
      for (const argv of [['--port', 'x'], ['--port', '70000'], ['--bogus'], ['--data'], ['--pending-polls', '-1'], ['--retry-after', 'soon']]) {
        const { io: cli, err } = io();
        expect(await main(['ca', 'serve', ...argv, ...(argv[0] === '--data' ? [] : ['--data', dir])], cli)).toBe(2);
        expect(err()).toContain('usage: madoguchi ca serve');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
