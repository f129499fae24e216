/**
 * Just enough of a certificate read from the card for the counter screen and `madoguchi cards`:
 * subject, issuer, serial, validity and the public key. Full JPKI profile parsing is pki/'s job.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { cardError } from './errors';

export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  /** Serial number, upper-case hex. */
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** SubjectPublicKeyInfo DER. */
  readonly spki: Uint8Array;
  /** SHA-256 of the SPKI, lower-case hex (the pick-up lookup key of docs/design.md §6). */
  readonly spkiSha256: string;
  readonly der: Uint8Array;
}

const shortNames: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
};

function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const value: unknown = tv.value.valueBlock.value;
      return `${shortNames[tv.type] ?? tv.type}=${typeof value === 'string' ? value : '#'}`;
    })
    .join(', ');
}

export function parseCertificate(der: Uint8Array): CertificateInfo {
  let cert: pkijs.Certificate;
  try {
    const ber = new Uint8Array(der).buffer;
    const parsed = asn1js.fromBER(ber);
    if (parsed.offset === -1 || parsed.offset !== der.length) throw new Error('not one DER object');
    cert = new pkijs.Certificate({ schema: parsed.result });
  } catch {
    throw cardError('CARD_INVALID_DATA', 'certificate on the card does not parse');
  }
  const spki = new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER(false));
  return {
    subject: nameToString(cert.subject),
    issuer: nameToString(cert.issuer),
    serialNumber: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    spki,
    spkiSha256: createHash('sha256').update(spki).digest('hex'),
    der: Uint8Array.from(der),
  };
}
