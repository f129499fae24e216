import * as pkijs from 'pkijs';
import { decodeDer, derOf } from './der';
import { ensurePkiEngine } from './engine';
import { guardParse, pkiError } from './errors';
import { contentTypeOids } from './oids';

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

/** Cheap framing check (tag + length cover the bytes exactly); full parsing is the reader's job. */
function isOneSequence(der: Uint8Array): boolean {
  if (der.length < 2 || der[0] !== 0x30) return false;
  const first = der[1] ?? 0;
  if (first < 0x80) return 2 + first === der.length;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || der.length < 2 + count) return false;
  let length = 0;
  for (let i = 0; i < count; i += 1) length = length * 256 + (der[2 + i] ?? 0);
  return 2 + count + length === der.length;
}

const signedDataOid = Buffer.from('06092a864886f70d010702', 'hex');
const dataOid = Buffer.from('06092a864886f70d010701', 'hex');

/**
 * PKCS#7 certs-only: a SignedData with no content and no signers (RFC 7030 §4.1.3). Written
 * directly around the certificates' own bytes: re-encoding them through pkijs is slow and
 * would risk changing what the CA signed.
 */
export function buildCertsOnly(certificates: readonly Uint8Array[]): Uint8Array {
  for (const der of certificates) {
    if (!isOneSequence(der)) throw pkiError('PKI_BAD_CERTIFICATE', 'a certificate is not one DER SEQUENCE');
  }
  const signedData = tlv(
    0x30,
    Buffer.from([0x02, 0x01, 0x01]), // version 1
    tlv(0x31), // digestAlgorithms: none
    tlv(0x30, dataOid), // encapContentInfo without content
    tlv(0xa0, ...certificates.map((c) => Buffer.from(c))), // [0] IMPLICIT CertificateSet
    tlv(0x31), // signerInfos: none
  );
  return new Uint8Array(tlv(0x30, signedDataOid, tlv(0xa0, signedData)));
}

/** The certificates (DER, in order) of a certs-only PKCS#7. An empty list is allowed. */
export function parseCertsOnly(der: Uint8Array): Uint8Array[] {
  ensurePkiEngine();
  const asn1 = decodeDer(der, 'PKI_BAD_PKCS7', 'PKCS#7');
  return guardParse('PKI_BAD_PKCS7', 'PKCS#7', () => {
    const info = new pkijs.ContentInfo({ schema: asn1 });
    if (info.contentType !== contentTypeOids.signedData) throw pkiError('PKI_BAD_PKCS7', `content type ${info.contentType} is not signedData`);
    const signed = new pkijs.SignedData({ schema: info.content });
    return (signed.certificates ?? []).map((c) => {
      if (!(c instanceof pkijs.Certificate)) throw pkiError('PKI_BAD_PKCS7', 'a non-X.509 certificate choice');
      return derOf(c.toSchema(false));
    });
  });
}
