import { createHash } from 'node:crypto';
import { pkiError, type PkiErrorCode } from './errors';

/**
 * Exact byte ranges inside DER structures, found by walking tag-length-value headers only (no
 * schema matching, no re-encoding): the sync engine's hot path reads one certificate out of
 * every CA answer, and a full ASN.1 object tree of the whole PKCS#7 cost more CPU than the CA's
 * issuance. Only definite, minimal lengths and low tag numbers are accepted, and every
 * container must be filled exactly; anything else throws, and callers fall back to the full
 * parser. Nothing here is trusted on its own: the slices are parsed and verified afterwards.
 */
interface Tlv {
  readonly tag: number;
  /** Offset of the first content byte. */
  readonly contentStart: number;
  /** Offset just past the element. */
  readonly end: number;
  readonly start: number;
}

function fail(code: PkiErrorCode, why: string): never {
  throw pkiError(code, `DER walk: ${why}`);
}

function readTlv(der: Uint8Array, offset: number, limit: number, code: PkiErrorCode): Tlv {
  if (offset + 2 > limit) fail(code, 'truncated header');
  const tag = der[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) fail(code, 'high tag number');
  const first = der[offset + 1] ?? 0;
  let length = first;
  let header = 2;
  if (first >= 0x80) {
    const octets = first & 0x7f;
    if (octets === 0) fail(code, 'indefinite length');
    if (octets > 4) fail(code, 'length too large');
    if (offset + 2 + octets > limit) fail(code, 'truncated length');
    if (der[offset + 2] === 0) fail(code, 'length not minimal');
    length = 0;
    for (let i = 0; i < octets; i += 1) length = length * 256 + (der[offset + 2 + i] ?? 0);
    if (length < 0x80) fail(code, 'length not minimal');
    header = 2 + octets;
  }
  const end = offset + header + length;
  if (end > limit) fail(code, 'content runs past its container');
  return { tag, start: offset, contentStart: offset + header, end };
}

/** The elements that fill `parent`'s content exactly (at most `max`). */
function childrenOf(der: Uint8Array, parent: Tlv, code: PkiErrorCode, max = 10_000): Tlv[] {
  const out: Tlv[] = [];
  let at = parent.contentStart;
  while (at < parent.end) {
    if (out.length >= max) fail(code, 'too many elements');
    const child = readTlv(der, at, parent.end, code);
    out.push(child);
    at = child.end;
  }
  return out;
}

function root(der: Uint8Array, code: PkiErrorCode): Tlv {
  const top = readTlv(der, 0, der.length, code);
  if (top.tag !== 0x30) fail(code, 'not a SEQUENCE');
  if (top.end !== der.length) fail(code, 'trailing bytes');
  return top;
}

const signedDataOid = Buffer.from('06092a864886f70d010702', 'hex');

/** The certificates of a certs-only PKCS#7 (RFC 5652 SignedData), as the exact bytes sent. */
export function certificateSlices(der: Uint8Array): Uint8Array[] {
  const code: PkiErrorCode = 'PKI_BAD_PKCS7';
  const [oid, explicit, ...extra] = childrenOf(der, root(der, code), code, 3);
  if (oid === undefined || explicit === undefined || extra.length > 0 || explicit.tag !== 0xa0) fail(code, 'not a ContentInfo');
  if (!Buffer.from(der.subarray(oid.start, oid.end)).equals(signedDataOid)) fail(code, 'not signedData');
  const [signedData, ...more] = childrenOf(der, explicit, code, 2);
  if (signedData?.tag !== 0x30 || more.length > 0) fail(code, 'not a SignedData');
  const fields = childrenOf(der, signedData, code, 6);
  const tags = fields.map((f) => f.tag);
  // version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls?, signerInfos
  if (tags[0] !== 0x02 || tags[1] !== 0x31 || tags[2] !== 0x30 || tags.at(-1) !== 0x31) fail(code, 'SignedData fields out of shape');
  const middle = tags.slice(3, -1);
  if (!(middle.length === 0 || (middle.length === 1 && (middle[0] === 0xa0 || middle[0] === 0xa1)) || (middle.length === 2 && middle[0] === 0xa0 && middle[1] === 0xa1))) fail(code, 'SignedData fields out of shape');
  const set = fields[3]?.tag === 0xa0 ? fields[3] : undefined;
  if (set === undefined) return [];
  return childrenOf(der, set, code, 64).map((cert) => {
    if (cert.tag !== 0x30) fail(code, 'a certificate choice that is not X.509');
    return der.subarray(cert.start, cert.end);
  });
}

/** SHA-256 hex of a certificate's SubjectPublicKeyInfo bytes, as they stand in the certificate. */
export function certificateSpkiSha256(der: Uint8Array): string {
  const code: PkiErrorCode = 'PKI_BAD_CERTIFICATE';
  const [tbs] = childrenOf(der, root(der, code), code, 3);
  if (tbs?.tag !== 0x30) fail(code, 'no tbsCertificate');
  const fields = childrenOf(der, tbs, code, 11);
  // [0] version is optional (v1): then the SPKI is the sixth field, not the seventh.
  const spki = fields[fields[0]?.tag === 0xa0 ? 6 : 5];
  if (spki?.tag !== 0x30) fail(code, 'no subjectPublicKeyInfo');
  return createHash('sha256').update(der.subarray(spki.start, spki.end)).digest('hex');
}

/** SHA-256 hex of a PKCS#10 request's SubjectPublicKeyInfo bytes. */
export function csrSpkiSha256Slice(der: Uint8Array): string {
  const code: PkiErrorCode = 'PKI_BAD_CSR';
  const [info] = childrenOf(der, root(der, code), code, 3);
  if (info?.tag !== 0x30) fail(code, 'no certificationRequestInfo');
  const [version, subject, spki] = childrenOf(der, info, code, 4);
  if (version?.tag !== 0x02 || subject?.tag !== 0x30 || spki?.tag !== 0x30) fail(code, 'certificationRequestInfo out of shape');
  return createHash('sha256').update(der.subarray(spki.start, spki.end)).digest('hex');
}
