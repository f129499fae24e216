import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodeDer, derOf, integerHex } from './der';
import { ensurePkiEngine } from './engine';
import { guardParse, pkiError } from './errors';
import { authorityKeyIdentifierExtension } from './extensions';
import { x509Time } from './certificate-builder';
import { nameEntries, type NameEntry } from './names';
import { extensionOids } from './oids';
import { signatureAlgorithmFor, signTbs, verifyWithSpki } from './signing';
import { parseCertificate } from './jpki-certificate';

/** RFC 5280 §5.3.1 CRLReason values (7 is unused). */
export const revocationReasons = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;
export type RevocationReason = keyof typeof revocationReasons;
export const revocationReasonNames = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const satisfies readonly RevocationReason[];

export interface CrlEntry {
  /** Upper-case hex, no sign byte. */
  readonly serialHex: string;
  readonly revokedAt: Date;
  readonly reason: RevocationReason;
}

export interface CrlSpec {
  readonly issuerCertDer: Uint8Array;
  readonly signingKey: KeyObject;
  readonly entries: readonly CrlEntry[];
  readonly crlNumber: number;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
}

export interface ParsedCrl {
  readonly der: Uint8Array;
  readonly issuer: NameEntry[];
  readonly thisUpdate: string;
  readonly nextUpdate: string | null;
  readonly crlNumber: number | null;
  readonly entries: readonly CrlEntry[];
  /** The exact signed bytes, kept for verifyCrl. */
  readonly tbs: Uint8Array;
  readonly signature: Uint8Array;
}

function serialBytes(serialHex: string): Uint8Array {
  if (!/^[0-9A-Fa-f]+$/.test(serialHex)) throw pkiError('PKI_BAD_CRL', 'serial must be hex');
  const even = serialHex.length % 2 === 0 ? serialHex : `0${serialHex}`;
  const bytes = Buffer.from(even, 'hex');
  // A set top bit would read as negative: prefix a zero byte.
  return new Uint8Array((bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

export function buildCrl(spec: CrlSpec): Uint8Array {
  ensurePkiEngine();
  // RFC 5280 §5.3.1: removeFromCRL belongs only in delta CRLs; this builds full CRLs only.
  if (spec.entries.some((e) => e.reason === 'removeFromCRL')) throw pkiError('PKI_BAD_CRL', 'removeFromCRL may appear only in a delta CRL');
  const issuerCert = guardParse('PKI_BAD_CERTIFICATE', 'issuer certificate', () => new pkijs.Certificate({ schema: decodeDer(spec.issuerCertDer, 'PKI_BAD_CERTIFICATE', 'issuer certificate') }));
  const algorithm = signatureAlgorithmFor(spec.signingKey);
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.signature = algorithm;
  crl.issuer = issuerCert.subject;
  crl.thisUpdate = x509Time(spec.thisUpdate);
  crl.nextUpdate = x509Time(spec.nextUpdate);
  if (spec.entries.length > 0) {
    crl.revokedCertificates = spec.entries.map(
      (entry) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({ valueHex: serialBytes(entry.serialHex) }),
          revocationDate: x509Time(entry.revokedAt),
          crlEntryExtensions: new pkijs.Extensions({
            extensions: [
              new pkijs.Extension({
                extnID: extensionOids.reasonCode,
                critical: false,
                extnValue: new asn1js.Enumerated({ value: revocationReasons[entry.reason] }).toBER(false),
              }),
            ],
          }),
        }),
    );
  }
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      new pkijs.Extension({ extnID: extensionOids.cRLNumber, critical: false, extnValue: new asn1js.Integer({ value: spec.crlNumber }).toBER(false) }),
      authorityKeyIdentifierExtension(derOf(issuerCert.subjectPublicKeyInfo.toSchema())),
    ],
  });
  const tbs = derOf(crl.toSchema(true).valueBlock.value[0] as asn1js.Sequence);
  crl.tbsView = tbs;
  crl.signatureAlgorithm = algorithm;
  crl.signatureValue = new asn1js.BitString({ valueHex: signTbs(tbs, spec.signingKey) });
  return derOf(crl.toSchema(false));
}

const reasonByCode = new Map<number, RevocationReason>(revocationReasonNames.map((name) => [revocationReasons[name], name]));

function entryReason(revoked: pkijs.RevokedCertificate): RevocationReason {
  const ext = revoked.crlEntryExtensions?.extensions.find((e) => e.extnID === extensionOids.reasonCode);
  if (ext === undefined) return 'unspecified';
  const value = decodeDer(new Uint8Array(ext.extnValue.valueBlock.valueHexView), 'PKI_BAD_CRL', 'reasonCode');
  if (!(value instanceof asn1js.Enumerated)) throw pkiError('PKI_BAD_CRL', 'reasonCode is not ENUMERATED');
  const reason = reasonByCode.get(value.valueBlock.valueDec);
  if (reason === undefined) throw pkiError('PKI_BAD_CRL', `unknown reasonCode ${value.valueBlock.valueDec}`);
  return reason;
}

export function parseCrl(der: Uint8Array): ParsedCrl {
  ensurePkiEngine();
  const asn1 = decodeDer(der, 'PKI_BAD_CRL', 'CRL');
  const crl = guardParse('PKI_BAD_CRL', 'CRL', () => new pkijs.CertificateRevocationList({ schema: asn1 }));
  return guardParse('PKI_BAD_CRL', 'CRL', () => {
    const numberExt = crl.crlExtensions?.extensions.find((e) => e.extnID === extensionOids.cRLNumber);
    let crlNumber: number | null = null;
    if (numberExt !== undefined) {
      const value = decodeDer(new Uint8Array(numberExt.extnValue.valueBlock.valueHexView), 'PKI_BAD_CRL', 'cRLNumber');
      if (!(value instanceof asn1js.Integer)) throw pkiError('PKI_BAD_CRL', 'cRLNumber is not an INTEGER');
      crlNumber = value.valueBlock.valueDec;
    }
    return {
      der: new Uint8Array(der),
      issuer: nameEntries(crl.issuer),
      thisUpdate: crl.thisUpdate.value.toISOString(),
      nextUpdate: crl.nextUpdate === undefined ? null : crl.nextUpdate.value.toISOString(),
      crlNumber,
      entries: (crl.revokedCertificates ?? []).map((r) => ({
        serialHex: integerHex(r.userCertificate),
        revokedAt: r.revocationDate.value,
        reason: entryReason(r),
      })),
      tbs: new Uint8Array(crl.tbsView),
      signature: new Uint8Array(crl.signatureValue.valueBlock.valueHexView),
    };
  });
}

/** True when the issuer certificate's key signed this CRL. */
export function verifyCrl(crl: ParsedCrl, issuerCertDer: Uint8Array): boolean {
  return verifyWithSpki(crl.tbs, crl.signature, parseCertificate(issuerCertDer).spkiDer);
}

export function isRevoked(crl: ParsedCrl, serialHex: string): CrlEntry | undefined {
  const wanted = serialHex.toUpperCase().replace(/^0+(?=.)/, '');
  return crl.entries.find((e) => e.serialHex.replace(/^0+(?=.)/, '') === wanted);
}
