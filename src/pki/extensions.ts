import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodeDer } from './der';
import { guardParse } from './errors';
import { extensionOids } from './oids';

export const keyUsageBits = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
} as const;
export type KeyUsage = keyof typeof keyUsageBits;

function extension(extnID: string, critical: boolean, value: asn1js.AsnType | Uint8Array): pkijs.Extension {
  const der = value instanceof Uint8Array ? value : new Uint8Array(value.toBER(false));
  return new pkijs.Extension({ extnID, critical, extnValue: der.slice().buffer });
}

/** Minimal DER: unused bits counted from the last set bit, as OpenSSL writes it. */
export function keyUsageExtension(usages: readonly KeyUsage[]): pkijs.Extension {
  let bits = 0;
  for (const usage of usages) bits |= 0x80 >> keyUsageBits[usage];
  let unusedBits = 0;
  while (unusedBits < 7 && (bits & (1 << unusedBits)) === 0) unusedBits += 1;
  return extension(extensionOids.keyUsage, true, new asn1js.BitString({ valueHex: new Uint8Array([bits]), unusedBits }));
}

export function basicConstraintsExtension(isCa: boolean): pkijs.Extension {
  return extension(extensionOids.basicConstraints, true, new pkijs.BasicConstraints({ cA: isCa }).toSchema());
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents. */
export function keyIdentifier(spkiDer: Uint8Array): Uint8Array {
  const spki = guardParse('PKI_BAD_KEY', 'SubjectPublicKeyInfo', () => new pkijs.PublicKeyInfo({ schema: decodeDer(spkiDer, 'PKI_BAD_KEY', 'SubjectPublicKeyInfo') }));
  return new Uint8Array(createHash('sha1').update(spki.subjectPublicKey.valueBlock.valueHexView).digest());
}

export function subjectKeyIdentifierExtension(spkiDer: Uint8Array): pkijs.Extension {
  return extension(extensionOids.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyIdentifier(spkiDer) }));
}

export function authorityKeyIdentifierExtension(issuerSpkiDer: Uint8Array): pkijs.Extension {
  const aki = new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: keyIdentifier(issuerSpkiDer) }) });
  return extension(extensionOids.authorityKeyIdentifier, false, aki.toSchema());
}

export function certificatePoliciesExtension(policyOids: readonly string[]): pkijs.Extension {
  const policies = new pkijs.CertificatePolicies({ certificatePolicies: policyOids.map((policyIdentifier) => new pkijs.PolicyInformation({ policyIdentifier })) });
  return extension(extensionOids.certificatePolicies, false, policies.toSchema());
}

export function extendedKeyUsageExtension(purposeOids: readonly string[]): pkijs.Extension {
  return extension(extensionOids.extKeyUsage, false, new asn1js.Sequence({ value: purposeOids.map((value) => new asn1js.ObjectIdentifier({ value })) }));
}

function ipBytes(ip: string): Uint8Array {
  if (isIP(ip) === 4) return new Uint8Array(ip.split('.').map(Number));
  // Only loopback v6 is needed for the reference CA's TLS certificate.
  if (ip === '::1') return new Uint8Array([...new Array<number>(15).fill(0), 1]);
  throw new Error(`unsupported IP ${ip}`);
}

/** TLS subjectAltName: dNSName [2] and iPAddress [7], both IMPLICIT primitives. */
export function tlsSubjectAltNameExtension(dnsNames: readonly string[], ips: readonly string[]): pkijs.Extension {
  const names: asn1js.AsnType[] = [
    ...dnsNames.map((dns) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 }, valueHex: new Uint8Array(Buffer.from(dns, 'ascii')) })),
    ...ips.map((ip) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 7 }, valueHex: ipBytes(ip) })),
  ];
  return extension(extensionOids.subjectAltName, false, new asn1js.Sequence({ value: names }));
}

/** `[4] EXPLICIT Name`: a directoryName GeneralName (Name is a CHOICE, so the tag is explicit). */
function directoryName(name: pkijs.RelativeDistinguishedNames): asn1js.Constructed {
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [name.toSchema()] });
}

/** The JPKI CA certificates name themselves in Japanese through a dirName SAN (docs/jpki-card.md §8). */
export function directoryNameSanExtension(name: pkijs.RelativeDistinguishedNames): pkijs.Extension {
  return extension(extensionOids.subjectAltName, false, new asn1js.Sequence({ value: [directoryName(name)] }));
}

/** CRL distribution point given as a dirName equal to the CA DN, as JPKI does. */
export function crlDistributionPointDirNameExtension(caName: pkijs.RelativeDistinguishedNames): pkijs.Extension {
  const fullName = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [directoryName(caName)] });
  const distributionPoint = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [fullName] });
  return extension(extensionOids.cRLDistributionPoints, false, new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [distributionPoint] })] }));
}

/** Raw extnValue bytes, already encoded (e.g. the hand-built JPKI otherName SAN). */
export function rawExtension(extnID: string, critical: boolean, extnValue: Uint8Array): pkijs.Extension {
  return extension(extnID, critical, extnValue);
}
