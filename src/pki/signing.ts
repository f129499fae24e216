import { createPublicKey, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { pkiError } from './errors';
import { algorithmOids } from './oids';

/** DER prefix of DigestInfo{ sha256 with NULL params, OCTET STRING(32) } (RFC 8017 §9.2 note 1). */
const sha256DigestInfoPrefix = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export function sha256DigestInfo(hash: Uint8Array): Uint8Array {
  if (hash.length !== 32) throw pkiError('PKI_SIGNER_FAILED', 'SHA-256 hash must be 32 bytes');
  return new Uint8Array(Buffer.concat([sha256DigestInfoPrefix, hash]));
}

export function sha256WithRsaAlgorithm(): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId: algorithmOids.sha256WithRsa, algorithmParams: new asn1js.Null() });
}

/** The signature AlgorithmIdentifier matching a private key (RSA or EC P-256 only). */
export function signatureAlgorithmFor(key: KeyObject): pkijs.AlgorithmIdentifier {
  if (key.asymmetricKeyType === 'rsa') return sha256WithRsaAlgorithm();
  if (key.asymmetricKeyType === 'ec') return new pkijs.AlgorithmIdentifier({ algorithmId: algorithmOids.ecdsaWithSha256 });
  throw pkiError('PKI_BAD_KEY', `unsupported key type ${key.asymmetricKeyType ?? 'unknown'}`);
}

/** SHA-256 signature over exact TBS bytes: PKCS#1 v1.5 for RSA, DER (r,s) ECDSA for EC. */
export function signTbs(tbs: Uint8Array, key: KeyObject): Uint8Array {
  return new Uint8Array(nodeSign('sha256', tbs, key));
}

/** Checks a SHA-256 signature with the public key in a SubjectPublicKeyInfo (DER). */
export function verifyWithSpki(tbs: Uint8Array, signature: Uint8Array, spkiDer: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
    return nodeVerify('sha256', tbs, key, signature);
  } catch {
    return false;
  }
}
