import { isCodedError } from '../errors/coded-error';
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { certificateSlices, certificateSpkiSha256, csrSpkiSha256Slice } from '../pki/der-slices';
import { ensurePkiEngine } from '../pki/engine';
import { pkiErrorCodes } from '../pki/errors';
import { isSignedBy, parseCertificate, type ParsedCertificate } from '../pki/jpki-certificate';
import { parseCertsOnly as parsePkcs7CertsOnly } from '../pki/pkcs7';
import { estError } from './est-errors';

export type { ParsedCertificate } from '../pki/jpki-certificate';

/** EST bodies are base64 with optional line breaks (RFC 8951); anything else is refused. */
export function decodeBase64Body(body: string): Uint8Array {
  const compact = body.replace(/[\r\n\t ]/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw estError('EST_BAD_RESPONSE', 'body is not base64');
  }
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

function asBadResponse(error: unknown): never {
  if (isCodedError(error, pkiErrorCodes)) throw estError('EST_BAD_RESPONSE', `${error.code}: ${error.message}`);
  throw error;
}

/** A PKCS#7 certs-only answer with at least one readable certificate (unless `allowEmpty`). */
export function parseCertsOnly(der: Uint8Array, options: { readonly allowEmpty?: boolean } = {}): ParsedCertificate[] {
  let certs: ParsedCertificate[];
  try {
    certs = parsePkcs7CertsOnly(der).map(parseCertificate);
  } catch (error) {
    asBadResponse(error);
  }
  if (certs.length === 0 && options.allowEmpty !== true) throw estError('EST_BAD_RESPONSE', 'the PKCS#7 holds no certificate');
  return certs;
}

/**
 * SHA-256 hex of the CSR's SubjectPublicKeyInfo: the card key the certificate must carry.
 * Only the key is read; the queued CSR was fully validated when it was built.
 */
export function csrSpkiSha256(csrDer: Uint8Array): string {
  try {
    return csrSpkiSha256Slice(csrDer);
  } catch {
    // Not walkable as plain DER: the full parser decides (and says why it cannot).
  }
  ensurePkiEngine();
  const csr = pkijs.CertificationRequest.fromBER(new Uint8Array(csrDer));
  return createHash('sha256').update(new Uint8Array(csr.subjectPublicKeyInfo.toSchema().toBER(false))).digest('hex');
}

/**
 * Picks the certificate for the CSR's key and checks one of the label's CA certificates signed
 * it. Another key, or another issuer, would be written onto a card and fail there.
 */
export async function selectIssuedCertificate(
  certs: readonly ParsedCertificate[],
  expectedSpkiSha256: string,
  issuers: readonly ParsedCertificate[],
): Promise<ParsedCertificate> {
  const leaf = certs.find((c) => c.spkiSha256 === expectedSpkiSha256);
  if (leaf === undefined) throw estError('EST_KEY_MISMATCH', 'no certificate in the response carries the CSR public key');
  for (const issuer of issuers) {
    try {
      if (isSignedBy(leaf.der, issuer.der)) return leaf;
    } catch {
      // An issuer of another key type or a malformed one is simply not this leaf's issuer.
    }
  }
  throw estError('EST_WRONG_CHAIN', 'the certificate is not signed by the configured CA');
}

/**
 * The certificate for the CSR's key out of an enroll answer, checked against the label's CA
 * certificates. Only that certificate is parsed in full (the others in the answer are not used
 * by the terminal); an answer the DER walk cannot read goes through the full parser, with the
 * same errors as before. Either way the leaf is verified against the pinned issuers.
 */
export async function issuedCertificateFrom(responseDer: Uint8Array, expectedSpkiSha256: string, issuers: readonly ParsedCertificate[]): Promise<ParsedCertificate> {
  let leaf: ParsedCertificate | undefined;
  try {
    const slice = certificateSlices(responseDer).find((c) => certificateSpkiSha256(c) === expectedSpkiSha256);
    if (slice !== undefined) leaf = parseCertificate(slice);
  } catch {
    leaf = undefined;
  }
  const certs = leaf?.spkiSha256 === expectedSpkiSha256 ? [leaf] : parseCertsOnly(responseDer);
  return selectIssuedCertificate(certs, expectedSpkiSha256, issuers);
}
