import * as pkijs from 'pkijs';
import { decodeDer, derOf, integerHex, sha256Hex } from './der';
import { ensurePkiEngine } from './engine';
import { guardParse, pkiError } from './errors';
import { formatName, nameEntries, type NameEntry } from './names';
import { extensionOids, jpkiPolicyOids } from './oids';
import { parseJpkiSan, type JpkiSanValues } from './san';
import { verifyWithSpki } from './signing';
import type { CertificateKind } from '../domain/vocabulary';

export interface ParsedCertificate {
  readonly der: Uint8Array;
  readonly subject: NameEntry[];
  readonly issuer: NameEntry[];
  readonly subjectText: string;
  readonly issuerText: string;
  /** Upper-case hex without a sign byte, as the CA store and CRLs use it. */
  readonly serialHex: string;
  /** ISO timestamps. */
  readonly notBefore: string;
  readonly notAfter: string;
  readonly spkiDer: Uint8Array;
  readonly spkiSha256: string;
  /** From the JPKI policy OID, else the issuer's OU; null for anything else. */
  readonly kind: CertificateKind | null;
  readonly isCa: boolean;
  /** The signing certificate's resident facts; null when the SAN holds none. */
  readonly san: JpkiSanValues | null;
  readonly policies: string[];
}

function loadCertificate(der: Uint8Array): pkijs.Certificate {
  const asn1 = decodeDer(der, 'PKI_BAD_CERTIFICATE', 'certificate');
  return guardParse('PKI_BAD_CERTIFICATE', 'certificate', () => new pkijs.Certificate({ schema: asn1 }));
}

function extensionBytes(cert: pkijs.Certificate, oid: string): Uint8Array | undefined {
  const ext = (cert.extensions ?? []).find((e) => e.extnID === oid);
  return ext === undefined ? undefined : new Uint8Array(ext.extnValue.valueBlock.valueHexView);
}

function kindOf(policies: readonly string[], issuer: readonly NameEntry[]): CertificateKind | null {
  if (policies.includes(jpkiPolicyOids.sign)) return 'sign';
  if (policies.includes(jpkiPolicyOids.auth)) return 'auth';
  const ous = issuer.filter((e) => e.type === 'OU').map((e) => e.value);
  if (ous.some((v) => v.includes('digital signature'))) return 'sign';
  if (ous.some((v) => v.includes('user authentication'))) return 'auth';
  return null;
}

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  ensurePkiEngine();
  const cert = loadCertificate(der);
  return guardParse('PKI_BAD_CERTIFICATE', 'certificate', () => {
    const subject = nameEntries(cert.subject);
    const issuer = nameEntries(cert.issuer);
    const spkiDer = derOf(cert.subjectPublicKeyInfo.toSchema());
    const policiesExt = (cert.extensions ?? []).find((e) => e.extnID === extensionOids.certificatePolicies);
    const policies =
      policiesExt?.parsedValue instanceof pkijs.CertificatePolicies ? policiesExt.parsedValue.certificatePolicies.map((p) => p.policyIdentifier) : [];
    const basic = (cert.extensions ?? []).find((e) => e.extnID === extensionOids.basicConstraints)?.parsedValue;
    const sanBytes = extensionBytes(cert, extensionOids.subjectAltName);
    return {
      der: new Uint8Array(der),
      subject,
      issuer,
      subjectText: formatName(subject),
      issuerText: formatName(issuer),
      serialHex: integerHex(cert.serialNumber),
      notBefore: cert.notBefore.value.toISOString(),
      notAfter: cert.notAfter.value.toISOString(),
      spkiDer,
      spkiSha256: sha256Hex(spkiDer),
      kind: kindOf(policies, issuer),
      isCa: basic instanceof pkijs.BasicConstraints && basic.cA === true,
      san: sanBytes === undefined ? null : parseJpkiSan(sanBytes),
      policies,
    };
  });
}

/** True when `issuerDer`'s key signed `certDer` (sha256 with RSA or ECDSA). */
export function isSignedBy(certDer: Uint8Array, issuerDer: Uint8Array): boolean {
  ensurePkiEngine();
  const cert = loadCertificate(certDer);
  const issuer = parseCertificate(issuerDer);
  const algorithm = cert.signatureAlgorithm.algorithmId;
  if (algorithm !== '1.2.840.113549.1.1.11' && algorithm !== '1.2.840.10045.4.3.2') {
    throw pkiError('PKI_BAD_SIGNATURE', `unsupported signature algorithm ${algorithm}`);
  }
  return verifyWithSpki(new Uint8Array(cert.tbsView), new Uint8Array(cert.signatureValue.valueBlock.valueHexView), issuer.spkiDer);
}

export function certificateToPem(der: Uint8Array): string {
  return toPem('CERTIFICATE', der);
}

export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}

/** Every PEM block with `label`, decoded; text outside the blocks is ignored. */
export function pemBlocks(text: string, label = 'CERTIFICATE'): Uint8Array[] {
  const pattern = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+?)-----END ${label}-----`, 'g');
  return [...text.matchAll(pattern)].map((m) => new Uint8Array(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64')));
}
