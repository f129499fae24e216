import * as asn1js from 'asn1js';
import { isCertificateText } from '../../../src/domain/certificate-text';
import { csrAttributeOids } from '../../../src/pki/oids';
import { sha256Hex } from '../../../src/pki/der';
import { fakeCardKey } from '../pki/fake-card';
import { csrFor, derLength, enrollHeaders, handle, resign, signApplicant, testCa, type FakeReply } from './ca-fixture';

// RSA key generation is slow on a shared 2-core machine.
jest.setTimeout(60_000);

const card = fakeCardKey();
const ca = testCa();
afterAll(() => ca.close());

const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
const der = (node: asn1js.AsnType): Buffer => Buffer.from(node.toBER(false));
const enroll = (csr: Uint8Array | Buffer, headers: Record<string, string> = enrollHeaders): Promise<FakeReply> =>
  handle(ca.service, 'POST', '/.well-known/est/jpki-sign/simpleenroll', headers, Buffer.from(Buffer.from(csr).toString('base64')));
const code = (reply: FakeReply): string | undefined => reply.headers['ca-error-code'];

function parts(info: asn1js.Sequence): Buffer[] {
  return info.valueBlock.value.map(der);
}
const rsaOid = der(new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.1.1' }));
function spkiWithParams(params: Buffer | undefined): Buffer {
  const decoded = asn1js.fromBER(new Uint8Array(card.spkiDer)).result as asn1js.Sequence;
  const key = der(decoded.valueBlock.value[1] as asn1js.AsnType);
  return tlv(0x30, Buffer.concat([tlv(0x30, Buffer.concat([rsaOid, params ?? Buffer.alloc(0)])), key]));
}
/** Replaces the one attribute with `oid` by `attribute` (a full Attribute TLV) and keeps DER order. */
function withAttribute(info: asn1js.Sequence, oid: string, attribute: Buffer): Buffer {
  const [version, subject, spki, attrs] = parts(info);
  const node = info.valueBlock.value[3] as asn1js.Constructed;
  const list = node.valueBlock.value
    .filter((a) => ((a as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString() !== oid)
    .map(der)
    .concat([attribute])
    .sort(Buffer.compare);
  expect(attrs).toBeDefined();
  return tlv(0x30, Buffer.concat([version ?? Buffer.alloc(0), subject ?? Buffer.alloc(0), spki ?? Buffer.alloc(0), tlv(0xa0, Buffer.concat(list))]));
}
const attributeOf = (oid: string, valueSet: Buffer): Buffer => tlv(0x30, Buffer.concat([der(new asn1js.ObjectIdentifier({ value: oid })), tlv(0x31, valueSet)]));

describe('one key, one identity', () => {
  it('refuses the same RSA key with absent, empty-string or octet-string parameters; x-certs finds the one live certificate', async () => {
    const first = await csrFor(card, signApplicant('app-canonical'));
    expect((await enroll(first)).status).toBe(200);
    const variants: Record<string, Buffer | undefined> = {
      absent: undefined,
      'empty octet string': Buffer.from('0400', 'hex'),
      'empty UTF8String': Buffer.from('0c00', 'hex'),
      'octet string': Buffer.from('04020500', 'hex'),
    };
    for (const [name, params] of Object.entries(variants)) {
      const base = await csrFor(card, signApplicant(`app-${name.replace(/ /g, '-')}`));
      const csr = resign(base, card, (info) => {
        const [version, subject, , attrs] = parts(info);
        return tlv(0x30, Buffer.concat([version ?? Buffer.alloc(0), subject ?? Buffer.alloc(0), spkiWithParams(params), attrs ?? Buffer.alloc(0)]));
      });
      const reply = await enroll(csr);
      expect({ name, status: reply.status, code: code(reply) }).toEqual({ name, status: 400, code: 'CA_BAD_CSR' });
    }
    const spki = sha256Hex(card.spkiDer);
    const certs = await handle(ca.service, 'GET', `/.well-known/est/jpki-sign/x-certs?spki=${spki}&format=json`, {}, Buffer.alloc(0));
    expect((JSON.parse(certs.body.toString('utf8')) as { certificates: unknown[] }).certificates).toHaveLength(1);
  });
});

describe('strict DER where the CA reads', () => {
  // A fresh key per case: a refusal must not be mistaken for the duplicate-key 409 of an earlier case.
  let other = fakeCardKey();
  let base: Uint8Array;
  beforeEach(async () => {
    other = fakeCardKey();
    base = await csrFor(other, signApplicant('app-strict'));
  });
  const refusedAs = async (csr: Uint8Array, expected: string): Promise<void> => {
    const reply = await enroll(csr);
    expect({ status: reply.status, code: code(reply) }).toEqual({ status: 400, code: expected });
  };

  it('refuses a non-minimal length in the signed info (re-signed, so only the encoding differs)', async () => {
    const csr = resign(base, other, (info) => {
      const content = Buffer.concat(parts(info));
      return Buffer.concat([Buffer.from([0x30, 0x84]), Buffer.from([0, 0, content.length >> 8, content.length & 0xff]), content]);
    });
    await refusedAs(csr, 'CA_BAD_CSR');
  });

  it('refuses an indefinite length', async () => {
    const csr = resign(base, other, (info) => Buffer.concat([Buffer.from([0x30, 0x80]), ...parts(info), Buffer.from([0, 0])]));
    await refusedAs(csr, 'CA_BAD_CSR');
  });

  it('refuses a declared attribute length that is longer than needed (81 xx for a short string)', async () => {
    const value = Buffer.from('terminal-1', 'utf8');
    const attr = attributeOf(csrAttributeOids.terminalId, Buffer.concat([Buffer.from([0x0c, 0x81, value.length]), value]));
    await refusedAs(resign(base, other, (info) => withAttribute(info, csrAttributeOids.terminalId, attr)), 'CA_BAD_CSR');
  });

  it('refuses a signature algorithm without its NULL parameters', async () => {
    const good = Buffer.from(base);
    const withNull = Buffer.from('300d06092a864886f70d01010b0500', 'hex');
    const at = good.lastIndexOf(withNull);
    expect(at).toBeGreaterThan(0);
    // Outer algorithm only (the signature does not cover it), lengths fixed up by re-wrapping.
    const decoded = asn1js.fromBER(new Uint8Array(base)).result as asn1js.Sequence;
    const [info, , sig] = decoded.valueBlock.value.map(der);
    const csr = tlv(0x30, Buffer.concat([info ?? Buffer.alloc(0), Buffer.from('300b06092a864886f70d01010b', 'hex'), sig ?? Buffer.alloc(0)]));
    await refusedAs(csr, 'CA_BAD_CSR');
  });

  it('refuses attribute strings in types the profile does not name (PrintableString, OCTET STRING)', async () => {
    for (const tag of [0x13, 0x04]) {
      const attr = attributeOf(csrAttributeOids.terminalId, tlv(tag, Buffer.from('terminal-1', 'ascii')));
      await refusedAs(resign(base, other, (info) => withAttribute(info, csrAttributeOids.terminalId, attr)), 'CA_BAD_ATTRIBUTES');
    }
  });

  it('answers an attribute with an empty value set with 400, not 500', async () => {
    const attr = attributeOf(csrAttributeOids.terminalId, Buffer.alloc(0));
    const reply = await enroll(resign(base, other, (info) => withAttribute(info, csrAttributeOids.terminalId, attr)));
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(code(reply)).toMatch(/^CA_BAD_/);
  });
});

describe('CA policy', () => {
  it('R-CERT-4: refuses a name with a bidi override or a zero-width space, and an unassigned code point in the address', async () => {
    for (const [field, value] of [
      ['name', '各務原\u202e花子'],
      ['name', '各務原\u200b花子'],
      ['address', '岐阜県各務原市\u{0378}'],
    ] as const) {
      expect(isCertificateText(value)).toBe(false);
      const key = fakeCardKey();
      const csr = resign(await csrFor(key, signApplicant(`app-text-${field}`)), key, (info) => {
        const attr = attributeOf(csrAttributeOids[field], tlv(0x0c, Buffer.from(value, 'utf8')));
        return withAttribute(info, csrAttributeOids[field], attr);
      });
      const reply = await enroll(csr);
      expect({ field, status: reply.status, code: code(reply) }).toEqual({ field, status: 400, code: 'CA_BAD_ATTRIBUTES' });
    }
  });

  it('requires Content-Type: application/pkcs10 on simpleenroll (415 otherwise)', async () => {
    const csr = await csrFor(card, signApplicant('app-ctype'));
    for (const headers of [{}, { 'content-type': 'application/octet-stream' }, { 'content-type': 'text/plain' }] as Record<string, string>[]) {
      const reply = await enroll(csr, headers);
      expect({ status: reply.status, code: code(reply) }).toEqual({ status: 415, code: 'CA_UNSUPPORTED_MEDIA_TYPE' });
    }
  });

  it('refuses removeFromCRL outside a delta CRL', async () => {
    const key = fakeCardKey();
    const reply = await enroll(await csrFor(key, signApplicant('app-remove')));
    expect(reply.status).toBe(200);
    const serial = ca.service.certificatesForKey('jpki-sign', sha256Hex(key.spkiDer))[0]?.serial ?? '';
    const revoke = await handle(ca.service, 'POST', '/.well-known/est/jpki-sign/x-revoke', { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ serial, reason: 'removeFromCRL' })));
    expect(revoke.status).toBe(400);
    expect(ca.service.certificatesForKey('jpki-sign', sha256Hex(key.spkiDer))).toHaveLength(1);
  });
});
