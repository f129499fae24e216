import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { applicantAttributes, readApplicantAttributes, type CsrApplicant } from './csr-attributes';
import { decodeDer, derOf, sha256, sha256Hex } from './der';
import { ensurePkiEngine } from './engine';
import { guardParse, pkiError } from './errors';
import { buildName, nameEntries, type NameEntry, type RdnEntry } from './names';
import { algorithmOids } from './oids';
import { sha256DigestInfo, sha256WithRsaAlgorithm, verifyWithSpki } from './signing';
import { decodeStrictDer, encodedBytes } from './strict-der';

/**
 * The card's signing operation: RSA PKCS#1 v1.5 over a SHA-256 DigestInfo (docs/jpki-card.md §5).
 * The function is handed the DigestInfo, never the data, because that is what the card signs.
 */
export type DigestInfoSigner = (digestInfo: Uint8Array) => Promise<Uint8Array>;

export interface CsrInput {
  /** The card key's SubjectPublicKeyInfo (DER). */
  readonly spkiDer: Uint8Array;
  readonly subject: readonly RdnEntry[];
  readonly applicant: CsrApplicant;
  readonly signer: DigestInfoSigner;
}

export interface ParsedCsr {
  readonly der: Uint8Array;
  readonly subject: NameEntry[];
  readonly applicant: CsrApplicant;
  readonly spkiDer: Uint8Array;
  /** Lower-case hex; the key's identity across terminals (x-certs lookups). */
  readonly spkiSha256: string;
  /** RSA modulus size in bits. */
  readonly keyBits: number;
}

function parseSpki(spkiDer: Uint8Array): pkijs.PublicKeyInfo {
  const asn1 = decodeDer(spkiDer, 'PKI_BAD_KEY', 'SubjectPublicKeyInfo');
  const spki = guardParse('PKI_BAD_KEY', 'SubjectPublicKeyInfo', () => new pkijs.PublicKeyInfo({ schema: asn1 }));
  if (spki.algorithm.algorithmId !== algorithmOids.rsaEncryption) throw pkiError('PKI_BAD_KEY', 'the card key must be RSA');
  return spki;
}

function rsaModulusBits(spki: pkijs.PublicKeyInfo): number {
  const parsed = spki.parsedKey;
  if (!(parsed instanceof pkijs.RSAPublicKey)) throw pkiError('PKI_BAD_KEY', 'RSA public key not readable');
  const modulus = parsed.modulus.valueBlock.valueHexView;
  let start = 0;
  while (start < modulus.length && modulus[start] === 0) start += 1;
  const first = modulus[start] ?? 0;
  return (modulus.length - start - 1) * 8 + (first === 0 ? 0 : Math.floor(Math.log2(first)) + 1);
}

/**
 * Builds the PKCS#10 around the card key and has the card sign it. The signature covers the
 * exact CertificationRequestInfo bytes; the result is checked before it is returned so a bad
 * card answer never reaches the outbox.
 */
export async function buildCsr(input: CsrInput): Promise<Uint8Array> {
  ensurePkiEngine();
  const csr = new pkijs.CertificationRequest();
  csr.version = 0;
  csr.subject = buildName(input.subject);
  csr.subjectPublicKeyInfo = parseSpki(input.spkiDer);
  // In DER SET OF order: a client that re-encodes the request must not change the signed bytes.
  csr.attributes = applicantAttributes(input.applicant);
  csr.signatureAlgorithm = sha256WithRsaAlgorithm();
  const tbs = derOf(csr.toSchema(true).valueBlock.value[0] as asn1js.Sequence);
  csr.tbsView = tbs;
  let signature: Uint8Array;
  try {
    signature = await input.signer(sha256DigestInfo(sha256(tbs)));
  } catch (error) {
    throw pkiError('PKI_SIGNER_FAILED', `signer failed: ${error instanceof Error ? error.message : 'unknown error'}`);
  }
  csr.signatureValue = new asn1js.BitString({ valueHex: new Uint8Array(signature) });
  const der = derOf(csr.toSchema(false));
  if (!verifyWithSpki(tbs, signature, input.spkiDer)) {
    throw pkiError('PKI_BAD_SIGNATURE', 'the signature does not verify with the card key');
  }
  return der;
}

/**
 * `AlgorithmIdentifier { oid, NULL }` exactly (RFC 3279 §2.3.1, RFC 4055 §5): absent, empty
 * or other parameters would let one key or one signature be written several ways.
 */
function requireOidWithNull(node: asn1js.AsnType | undefined, oid: string, code: 'PKI_BAD_KEY' | 'PKI_BAD_SIGNATURE', what: string): void {
  if (!(node instanceof asn1js.Sequence) || node.valueBlock.value.length !== 2) throw pkiError(code, `${what}: expected {OID, NULL}`);
  const [id, params] = node.valueBlock.value;
  if (!(id instanceof asn1js.ObjectIdentifier) || id.valueBlock.toString() !== oid) throw pkiError(code, `${what}: algorithm must be ${oid}`);
  if (!(params instanceof asn1js.Null)) throw pkiError(code, `${what}: parameters must be NULL`);
}

/**
 * The card key's SPKI as received, after checking it is the one canonical form of an RSA key:
 * rsaEncryption + NULL, a BIT STRING without unused bits holding a DER RSAPublicKey with a
 * positive modulus. Hashing these bytes gives one identity per key (duplicate rule, x-certs).
 */
function canonicalRsaSpki(node: asn1js.AsnType | undefined): Uint8Array {
  if (!(node instanceof asn1js.Sequence) || node.valueBlock.value.length !== 2) throw pkiError('PKI_BAD_KEY', 'SubjectPublicKeyInfo: expected {algorithm, key}');
  const [algorithm, key] = node.valueBlock.value;
  requireOidWithNull(algorithm, algorithmOids.rsaEncryption, 'PKI_BAD_KEY', 'SubjectPublicKeyInfo');
  if (!(key instanceof asn1js.BitString) || key.valueBlock.unusedBits !== 0) throw pkiError('PKI_BAD_KEY', 'SubjectPublicKeyInfo: key BIT STRING with unused bits');
  const rsa = decodeStrictDer(key.valueBlock.valueHexView, 'PKI_BAD_KEY', 'RSAPublicKey');
  if (!(rsa instanceof asn1js.Sequence) || rsa.valueBlock.value.length !== 2 || !rsa.valueBlock.value.every((v) => v instanceof asn1js.Integer)) {
    throw pkiError('PKI_BAD_KEY', 'RSAPublicKey: expected {modulus, exponent}');
  }
  for (const part of rsa.valueBlock.value) {
    if (part instanceof asn1js.Integer && ((part.valueBlock.valueHexView[0] ?? 0x80) & 0x80) !== 0) throw pkiError('PKI_BAD_KEY', 'RSAPublicKey: negative integer');
  }
  return encodedBytes(node);
}

/** `attributes [0] IMPLICIT SET OF Attribute`: present, and in DER SET OF order (X.690 §11.6). */
function requireSetOrder(node: asn1js.AsnType | undefined): void {
  if (!(node instanceof asn1js.Constructed) || node.idBlock.tagClass !== 3 || node.idBlock.tagNumber !== 0) throw pkiError('PKI_BAD_CSR', 'CertificationRequestInfo: attributes must be [0]');
  const encoded = node.valueBlock.value.map((v) => Buffer.from(v.toBER(false)));
  for (let i = 1; i < encoded.length; i += 1) {
    if (Buffer.compare(encoded[i - 1] ?? Buffer.alloc(0), encoded[i] ?? Buffer.alloc(0)) > 0) throw pkiError('PKI_BAD_CSR', 'CSR attributes: not in DER SET OF order');
  }
}

/** The children of a SEQUENCE, or a PKI error naming what was expected. */
function sequenceItems(node: asn1js.AsnType | undefined, what: string): asn1js.AsnType[] {
  if (!(node instanceof asn1js.Sequence)) throw pkiError('PKI_BAD_CSR', `${what}: expected a SEQUENCE`);
  return node.valueBlock.value;
}

/**
 * Validates a CSR completely: canonical DER (re-encoding gives the same bytes), rsaEncryption
 * + NULL key, sha256WithRSA + NULL signature, applicant attributes.
 */
export function parseCsr(der: Uint8Array): ParsedCsr {
  ensurePkiEngine();
  const asn1 = decodeStrictDer(der, 'PKI_BAD_CSR', 'CSR');
  const top = sequenceItems(asn1, 'CSR');
  if (top.length !== 3) throw pkiError('PKI_BAD_CSR', 'CSR: expected {info, algorithm, signature}');
  requireOidWithNull(top[1], algorithmOids.sha256WithRsa, 'PKI_BAD_SIGNATURE', 'CSR signature algorithm');
  const info = sequenceItems(top[0], 'CertificationRequestInfo');
  if (info.length !== 4) throw pkiError('PKI_BAD_CSR', 'CertificationRequestInfo: expected {version, subject, key, [0] attributes}');
  const spkiDer = canonicalRsaSpki(info[2]);
  requireSetOrder(info[3]);
  const csr = guardParse('PKI_BAD_CSR', 'CSR', () => new pkijs.CertificationRequest({ schema: asn1 }));
  if (csr.version !== 0) throw pkiError('PKI_BAD_CSR', `CSR version ${csr.version}`);
  const spki = parseSpki(spkiDer);
  const keyBits = guardParse('PKI_BAD_KEY', 'RSA key', () => rsaModulusBits(spki));
  if (keyBits < 2048) throw pkiError('PKI_BAD_KEY', `RSA key of ${keyBits} bits is too short`);
  const signature = csr.signatureValue.valueBlock.valueHexView;
  if (csr.signatureValue.valueBlock.unusedBits !== 0) throw pkiError('PKI_BAD_SIGNATURE', 'signature BIT STRING has unused bits');
  if (!verifyWithSpki(new Uint8Array(csr.tbsView), new Uint8Array(signature), spkiDer)) {
    throw pkiError('PKI_BAD_SIGNATURE', 'CSR signature does not verify');
  }
  const applicant = readApplicantAttributes(csr.attributes ?? []);
  return {
    der: new Uint8Array(der),
    subject: guardParse('PKI_BAD_CSR', 'subject', () => nameEntries(csr.subject)),
    applicant,
    spkiDer,
    spkiSha256: sha256Hex(spkiDer),
    keyBits,
  };
}
