import { randomBytes, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodeDer, derOf } from './der';
import { ensurePkiEngine } from './engine';
import { guardParse } from './errors';
import { signatureAlgorithmFor, signTbs } from './signing';

export interface CertificateSpec {
  /** Positive INTEGER content octets (see randomSerial). */
  readonly serial: Uint8Array;
  readonly issuer: pkijs.RelativeDistinguishedNames;
  readonly subject: pkijs.RelativeDistinguishedNames;
  readonly spkiDer: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly pkijs.Extension[];
  readonly signingKey: KeyObject;
}

/** 16 random bytes with the top bit clear and a non-zero first byte: positive, fixed length. */
export function randomSerial(): Uint8Array {
  const bytes = new Uint8Array(randomBytes(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes;
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function x509Time(date: Date): pkijs.Time {
  return new pkijs.Time({ type: date.getUTCFullYear() >= 2050 ? 1 : 0, value: date });
}

/** Signs the exact TBS bytes with node:crypto, so RSA and EC keys work the same way. */
export function buildCertificate(spec: CertificateSpec): Uint8Array {
  ensurePkiEngine();
  const algorithm = signatureAlgorithmFor(spec.signingKey);
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: spec.serial });
  cert.signature = algorithm;
  cert.issuer = spec.issuer;
  cert.subject = spec.subject;
  cert.notBefore = x509Time(spec.notBefore);
  cert.notAfter = x509Time(spec.notAfter);
  cert.subjectPublicKeyInfo = guardParse('PKI_BAD_KEY', 'SubjectPublicKeyInfo', () => new pkijs.PublicKeyInfo({ schema: decodeDer(spec.spkiDer, 'PKI_BAD_KEY', 'SubjectPublicKeyInfo') }));
  cert.extensions = [...spec.extensions];
  const tbs = derOf(cert.encodeTBS());
  cert.tbsView = tbs;
  cert.signatureAlgorithm = algorithm;
  cert.signatureValue = new asn1js.BitString({ valueHex: signTbs(tbs, spec.signingKey) });
  return derOf(cert.toSchema(false));
}
