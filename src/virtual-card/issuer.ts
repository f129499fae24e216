/**
 * The issuer-side cryptography of the virtual card (docs/design.md §4): challenge-response issuer
 * authentication, key-pair generation and the certificate-completeness check.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, verify, X509Certificate, type KeyObject } from 'node:crypto';

/**
 * Data an issuer signs for EXTERNAL AUTHENTICATE: challenge ‖ card serial (ASCII) for the full
 * issuer session, followed by the granted command's INS and EF for a one-command grant. The two
 * lengths differ (23 and 26 bytes) and P2 says which the card expects, so neither passes as the other.
 */
export function issuerAuthMessage(challenge: Uint8Array, serial: string, grant?: { readonly ins: number; readonly fid: number }): Buffer {
  const scope = grant === undefined ? Buffer.alloc(0) : Buffer.of(grant.ins, (grant.fid >> 8) & 0xff, grant.fid & 0xff);
  return Buffer.concat([challenge, Buffer.from(serial, 'latin1'), scope]);
}

/** ECDSA P-256 over SHA-256, raw r‖s, against any of the trusted keys. */
export function isValidIssuerSignature(challenge: Uint8Array, serial: string, signature: Uint8Array, trusted: readonly KeyObject[], grant?: { readonly ins: number; readonly fid: number }): boolean {
  if (signature.length !== 64) return false;
  const message = issuerAuthMessage(challenge, serial, grant);
  return trusted.some((key) => {
    try {
      return verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      return false;
    }
  });
}

export function parseTrustedKeys(pems: readonly string[]): KeyObject[] {
  const keys: KeyObject[] = [];
  for (const pem of pems) {
    try {
      const key = createPublicKey(pem);
      if (key.asymmetricKeyType === 'ec') keys.push(key);
    } catch {
      // An unparsable entry trusts nobody; the schema already checked the PEM shape.
    }
  }
  return keys;
}

export interface GeneratedKey {
  readonly privateKeyPem: string;
  readonly modulus: Buffer;
  readonly exponent: Buffer;
}

function base64UrlToBuffer(text: string | undefined): Buffer {
  return Buffer.from(text ?? '', 'base64url');
}

export function generateRsaKey(): GeneratedKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    modulus: base64UrlToBuffer(jwk.n),
    exponent: base64UrlToBuffer(jwk.e),
  };
}

function berLength(n: number): Buffer {
  if (n < 0x80) return Buffer.of(n);
  if (n < 0x100) return Buffer.of(0x81, n);
  return Buffer.of(0x82, (n >> 8) & 0xff, n & 0xff);
}

/** The GENERATE ASYMMETRIC KEY PAIR answer: 7F49 { 81 modulus, 82 exponent }. */
export function publicKeyTemplate(key: Pick<GeneratedKey, 'modulus' | 'exponent'>): Buffer {
  const inner = Buffer.concat([Buffer.of(0x81), berLength(key.modulus.length), key.modulus, Buffer.of(0x82), berLength(key.exponent.length), key.exponent]);
  return Buffer.concat([Buffer.of(0x7f, 0x49), berLength(inner.length), inner]);
}

/**
 * Total DER length announced by a certificate's header, or undefined while fewer than 4 bytes
 * are present or the header is not a long-form SEQUENCE (all RSA-2048 certificates are).
 */
export function announcedDerLength(data: Uint8Array): number | undefined {
  if (data.length < 2 || data[0] !== 0x30) return undefined;
  const first = data[1] ?? 0;
  if (first < 0x80) return first + 2;
  const count = first & 0x7f;
  if (count < 1 || count > 3 || data.length < 2 + count) return undefined;
  let n = 0;
  for (let i = 0; i < count; i++) n = (n << 8) | (data[2 + i] ?? 0);
  return 2 + count + n;
}

export type CertificateCheck = { ok: true } | { ok: false; reason: 'unparsable' | 'keyMismatch' };

/** A certificate is accepted when it parses and, for an EE slot, certifies the slot's key. */
export function checkCertificate(der: Uint8Array, slotPrivateKeyPem: string | null): CertificateCheck {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    return { ok: false, reason: 'unparsable' };
  }
  if (slotPrivateKeyPem === null) return { ok: true };
  const slotSpki = createPublicKey(createPrivateKey(slotPrivateKeyPem)).export({ format: 'der', type: 'spki' });
  const certSpki = cert.publicKey.export({ format: 'der', type: 'spki' });
  return Buffer.compare(slotSpki, certSpki) === 0 ? { ok: true } : { ok: false, reason: 'keyMismatch' };
}

export function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}
