import { randomBytes } from 'node:crypto';
import { domainErrorCodes } from '../domain/errors';
import { isCodedError } from '../errors/coded-error';
import { compareDates, parseIsoDate, sameDayInYear } from '../domain/local-date';
import { certificateExpiry } from '../domain/validity';
import { buildCertificate, randomSerial } from '../pki/certificate-builder';
import type { ParsedCsr } from '../pki/csr';
import type { CsrApplicant } from '../pki/csr-attributes';
import { integerHex } from '../pki/der';
import {
  authorityKeyIdentifierExtension,
  certificatePoliciesExtension,
  crlDistributionPointDirNameExtension,
  keyUsageExtension,
  rawExtension,
  subjectKeyIdentifierExtension,
} from '../pki/extensions';
import { buildName, type RdnEntry } from '../pki/names';
import { extensionOids, jpkiPolicyOids } from '../pki/oids';
import { buildJpkiSan, jpkiBirthDate } from '../pki/san';
import * as asn1js from 'asn1js';
import { caError } from './errors';
import type { JpkiCa } from './hierarchy';

export interface IssuedCertificate {
  readonly der: Uint8Array;
  readonly serialHex: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

const jstOffsetMs = 9 * 3_600_000;

/** The calendar date in Japan at `now`: R-VAL counts from the JST issue day. */
export function jstDate(now: Date): string {
  return new Date(now.getTime() + jstOffsetMs).toISOString().slice(0, 10);
}

/** The last valid day ends at 23:59:59 JST, i.e. 14:59:59Z of that day (docs/jpki-card.md §8). */
export function endOfJstDay(isoDate: string): Date {
  return new Date(`${isoDate}T14:59:59Z`);
}

const opaqueAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A 23-character subject id like the real auth certificates carry: no personal data in it. */
export function opaqueSubjectId(): string {
  return [...randomBytes(23)].map((b) => opaqueAlphabet[b % opaqueAlphabet.length]).join('');
}

/** Prefecture and municipality from a Japanese address, for the signing certificate's L RDNs. */
export function localities(address: string): string[] {
  const match = /^(東京都|北海道|京都府|大阪府|.{2,3}?県)?(.+?[市区町村])?/.exec(address);
  return [match?.[1], match?.[2]].filter((v): v is string => v !== undefined && v.length > 0);
}

/**
 * The CA's own guard on what the terminal already checks: no new certificate onto a Basic
 * Resident Register card (R-ELIG-3), no signing certificate before the 15th birthday (R-ELIG-4).
 */
function refuseIneligible(applicant: CsrApplicant, issueDate: string): void {
  if (applicant.cardType === 'jukiCard') throw caError('CA_NOT_ISSUABLE', 'R-ELIG-3: certificates are issued only onto a My Number Card');
  if (applicant.certificateKind !== 'sign') return;
  const birth = parseIsoDate(applicant.birthDate);
  const fifteenth = sameDayInYear(birth, birth.year + 15);
  if (compareDates(parseIsoDate(issueDate), fifteenth) < 0) throw caError('CA_NOT_ISSUABLE', 'R-ELIG-4: no signing certificate before the 15th birthday');
}

/** R-VAL through the domain rule; a certificate the card cannot hold is refused. */
export function expiryFor(csr: ParsedCsr, now: Date): string {
  const a = csr.applicant;
  try {
    refuseIneligible(a, jstDate(now));
    const result = certificateExpiry({
      birthDate: a.birthDate,
      issueDate: jstDate(now),
      ...(a.cardExpiry === undefined ? {} : { cardExpiry: a.cardExpiry }),
      ...(a.cardType === undefined ? {} : { cardType: a.cardType }),
      ...(a.previousExpiry === undefined ? {} : { previousExpiry: a.previousExpiry }),
    });
    const expiry = result[a.certificateKind];
    if (expiry === null) throw caError('CA_NOT_ISSUABLE', `no ${a.certificateKind} certificate can be issued for this card`);
    if (endOfJstDay(expiry).getTime() <= now.getTime()) throw caError('CA_NOT_ISSUABLE', 'the computed expiry has already passed');
    return expiry;
  } catch (error) {
    if (isCodedError(error, domainErrorCodes)) throw caError('CA_BAD_ATTRIBUTES', `${error.code}: ${error.message}`);
    throw error;
  }
}

/** Issues a JPKI-shaped end-entity certificate (docs/jpki-card.md §8) for a validated CSR. */
export function issueJpkiCertificate(ca: JpkiCa, csr: ParsedCsr, now: Date): IssuedCertificate {
  const applicant = csr.applicant;
  if (applicant.certificateKind !== ca.kind) {
    throw caError('CA_WRONG_PROFILE', `a ${applicant.certificateKind} request was sent to ${ca.label}`);
  }
  const expiry = expiryFor(csr, now);
  const subject: RdnEntry[] = [{ type: 'C', value: 'JP' }];
  const extensions = [
    keyUsageExtension(applicant.certificateKind === 'sign' ? ['digitalSignature', 'nonRepudiation'] : ['digitalSignature']),
    certificatePoliciesExtension([jpkiPolicyOids[applicant.certificateKind]]),
    subjectKeyIdentifierExtension(csr.spkiDer),
    authorityKeyIdentifierExtension(ca.spkiDer),
    crlDistributionPointDirNameExtension(ca.subject),
  ];
  if (applicant.certificateKind === 'sign') {
    for (const locality of localities(applicant.address)) subject.push({ type: 'L', value: locality });
    const san = buildJpkiSan({
      name: applicant.name,
      nameSubstitute: '',
      sex: applicant.sex,
      birthDate: jpkiBirthDate(applicant.birthDate),
      address: applicant.address,
      addressSubstitute: '',
    });
    extensions.push(rawExtension(extensionOids.subjectAltName, false, san));
  }
  subject.push({ type: 'CN', value: opaqueSubjectId() });
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const notAfter = endOfJstDay(expiry);
  const serial = randomSerial();
  const der = buildCertificate({
    serial,
    issuer: ca.subject,
    subject: buildName(subject),
    spkiDer: csr.spkiDer,
    notBefore,
    notAfter,
    extensions,
    signingKey: ca.key,
  });
  return { der, serialHex: integerHex(new asn1js.Integer({ valueHex: serial })), notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString() };
}
