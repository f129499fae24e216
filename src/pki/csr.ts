import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { applicantAttributes, readApplicantAttributes, type CsrApplicant } from './csr-attributes';
import { decodeDer, derOf, sha256, sha256Hex } from './der';
import { ensurePkiEngine } from './engine';
import { guardParse, PkiError } from './errors';
import { buildName, nameEntries, type NameEntry, type RdnEntry } from './names';
import { algorithmOids } from './oids';
import { sha256DigestInfo, sha256WithRsaAlgorithm, verifyWithSpki } from './signing';

/**
 * The card's signing operation: RSA PKCS#1 v1.5 over a SHA-256 DigestInfo (jpki-card.md §5).
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
  if (spki.algorithm.algorithmId !== algorithmOids.rsaEncryption) throw new PkiError('PKI_BAD_KEY', 'the card key must be RSA');
  return spki;
}

function rsaModulusBits(spki: pkijs.PublicKeyInfo): number {
  const parsed = spki.parsedKey;
  if (!(parsed instanceof pkijs.RSAPublicKey)) throw new PkiError('PKI_BAD_KEY', 'RSA public key not readable');
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
    throw new PkiError('PKI_SIGNER_FAILED', `signer failed: ${error instanceof Error ? error.message : 'unknown error'}`);
  }
  csr.signatureValue = new asn1js.BitString({ valueHex: new Uint8Array(signature) });
  const der = derOf(csr.toSchema(false));
  if (!verifyWithSpki(tbs, signature, input.spkiDer)) {
    throw new PkiError('PKI_BAD_SIGNATURE', 'the signature does not verify with the card key');
  }
  return der;
}

/** Validates a CSR completely: DER, RSA key, sha256WithRSA signature, applicant attributes. */
export function parseCsr(der: Uint8Array): ParsedCsr {
  ensurePkiEngine();
  const asn1 = decodeDer(der, 'PKI_BAD_CSR', 'CSR');
  const csr = guardParse('PKI_BAD_CSR', 'CSR', () => new pkijs.CertificationRequest({ schema: asn1 }));
  if (csr.version !== 0) throw new PkiError('PKI_BAD_CSR', `CSR version ${csr.version}`);
  if (csr.signatureAlgorithm.algorithmId !== algorithmOids.sha256WithRsa) {
    throw new PkiError('PKI_BAD_SIGNATURE', `signature algorithm ${csr.signatureAlgorithm.algorithmId} is not sha256WithRSAEncryption`);
  }
  const spkiDer = guardParse('PKI_BAD_KEY', 'SubjectPublicKeyInfo', () => derOf(csr.subjectPublicKeyInfo.toSchema()));
  const spki = parseSpki(spkiDer);
  const keyBits = guardParse('PKI_BAD_KEY', 'RSA key', () => rsaModulusBits(spki));
  if (keyBits < 2048) throw new PkiError('PKI_BAD_KEY', `RSA key of ${keyBits} bits is too short`);
  const signature = csr.signatureValue.valueBlock.valueHexView;
  if (csr.signatureValue.valueBlock.unusedBits !== 0) throw new PkiError('PKI_BAD_SIGNATURE', 'signature BIT STRING has unused bits');
  if (!verifyWithSpki(new Uint8Array(csr.tbsView), new Uint8Array(signature), spkiDer)) {
    throw new PkiError('PKI_BAD_SIGNATURE', 'CSR signature does not verify');
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
