import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import { buildCertificate, randomSerial } from '../pki/certificate-builder';
import { decodeDer } from '../pki/der';
import {
  authorityKeyIdentifierExtension,
  basicConstraintsExtension,
  extendedKeyUsageExtension,
  keyUsageExtension,
  subjectKeyIdentifierExtension,
  tlsSubjectAltNameExtension,
} from '../pki/extensions';
import { certificateToPem, pemBlocks, toPem } from '../pki/jpki-certificate';
import { buildName, type RdnEntry } from '../pki/names';
import { extendedKeyUsageOids } from '../pki/oids';

/** A certificate with its private key, as every CA-side signer is held in memory. */
export interface KeyedCertificate {
  readonly certDer: Uint8Array;
  readonly key: KeyObject;
  readonly spkiDer: Uint8Array;
  /** The subject as pkijs parsed it: re-encodes to the original bytes, for issuer fields. */
  readonly subject: pkijs.RelativeDistinguishedNames;
}

export type KeyKind = 'rsa' | 'ec';

export function generateKey(kind: KeyKind): KeyObject {
  return kind === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 }).privateKey
    : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

export function spkiOf(key: KeyObject): Uint8Array {
  return new Uint8Array(createPublicKey(key).export({ format: 'der', type: 'spki' }));
}

export function keyedCertificate(certDer: Uint8Array, key: KeyObject): KeyedCertificate {
  const cert = new pkijs.Certificate({ schema: decodeDer(certDer, 'PKI_BAD_CERTIFICATE', 'certificate') });
  return { certDer, key, spkiDer: spkiOf(key), subject: cert.subject };
}

const day = 86_400_000;

export function selfSignedCa(subject: readonly RdnEntry[], key: KeyObject, years: number, extra: readonly pkijs.Extension[] = [], now = new Date()): KeyedCertificate {
  const spkiDer = spkiOf(key);
  const name = buildName(subject);
  const certDer = buildCertificate({
    serial: randomSerial(),
    issuer: name,
    subject: name,
    spkiDer,
    notBefore: new Date(now.getTime() - day),
    notAfter: new Date(now.getTime() + years * 365 * day),
    extensions: [
      keyUsageExtension(['keyCertSign', 'cRLSign']),
      basicConstraintsExtension(true),
      subjectKeyIdentifierExtension(spkiDer),
      ...extra,
    ],
    signingKey: key,
  });
  return keyedCertificate(certDer, key);
}

export interface TlsLeafSpec {
  readonly subject: readonly RdnEntry[];
  readonly purpose: 'server' | 'client';
  readonly dnsNames?: readonly string[];
  readonly ips?: readonly string[];
  readonly years: number;
}

export function tlsLeaf(issuer: KeyedCertificate, spec: TlsLeafSpec, now = new Date()): KeyedCertificate {
  const key = generateKey('ec');
  const spkiDer = spkiOf(key);
  const extensions = [
    keyUsageExtension(['digitalSignature']),
    basicConstraintsExtension(false),
    subjectKeyIdentifierExtension(spkiDer),
    authorityKeyIdentifierExtension(issuer.spkiDer),
    extendedKeyUsageExtension([spec.purpose === 'server' ? extendedKeyUsageOids.serverAuth : extendedKeyUsageOids.clientAuth]),
  ];
  if (spec.purpose === 'server') extensions.push(tlsSubjectAltNameExtension(spec.dnsNames ?? [], spec.ips ?? []));
  const certDer = buildCertificate({
    serial: randomSerial(),
    issuer: issuer.subject,
    subject: buildName(spec.subject),
    spkiDer,
    notBefore: new Date(now.getTime() - day),
    notAfter: new Date(now.getTime() + spec.years * 365 * day),
    extensions,
    signingKey: issuer.key,
  });
  return keyedCertificate(certDer, key);
}

export function keyToPem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export function certPem(keyed: KeyedCertificate): string {
  return certificateToPem(keyed.certDer);
}

/** Loads a certificate PEM and its key PEM (PKCS#8 or PKCS#1). */
export function loadKeyedCertificate(certPemText: string, keyPemText: string): KeyedCertificate {
  const [certDer] = pemBlocks(certPemText);
  if (certDer === undefined) throw new Error('no CERTIFICATE block');
  return keyedCertificate(certDer, createPrivateKey(keyPemText));
}

export { toPem };
