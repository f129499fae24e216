/**
 * The application form the counter prints from the card (書かない窓口): what the resident would
 * otherwise write by hand on the city's paper form, so that they only sign. Pure: built from the
 * live visit or from what the store keeps of an application (a reprint), codes and data only —
 * the words are the renderer's.
 */
import type { ApplicationHeadline } from './application-headline';
import { toJstDateTime } from './counter-hours';
import { fee } from './documents';
import { eraDate, type EraDate } from './era-date';
import { domainError } from './errors';
import { hasUnrenderableCharacters } from './font-coverage';
import type { ApplicantType, BasicInfo, CertificateKind, Procedure, SexCode } from './vocabulary';

/** The longest representative's name the form takes (a name on an ID, with room to spare). */
export const representativeNameMax = 60;

/** The paper forms a city keeps: issuance and renewal share one (R-PROC-1). Pick-up has none. */
export const formKinds = ['issueRenew', 'resetPin', 'revoke'] as const;
export type FormKind = (typeof formKinds)[number];

/** Who signs in a 自署 box of their own. */
export const formSigners = ['holder', 'legalRepresentative', 'proxy'] as const;
export type FormSigner = (typeof formSigners)[number];

export interface FormHolder {
  readonly name: string;
  readonly address: string;
  readonly birthDate: EraDate;
  readonly sex: SexCode;
  /** The facts holding characters the font may lack (外字): flagged on the form, checked on the card face. */
  readonly outsideFont: readonly ('name' | 'address')[];
}

export interface ApplicationForm extends ApplicationHeadline {
  readonly kind: FormKind;
  readonly date: EraDate;
  /** The basic 4 information; null when the visit did not read it (the resident writes it in). */
  readonly holder: FormHolder | null;
  readonly cardSerial: string | null;
  readonly certificates: readonly CertificateKind[];
  /** The legal representative's or proxy's name when the clerk typed it; else a line they write on. */
  readonly representativeName: string | null;
  readonly documents: readonly string[];
  readonly feeYen: number;
  readonly signers: readonly FormSigner[];
}

/** What a visit files, live or stored: the facts a form is printed from. */
interface FiledFacts extends ApplicationHeadline {
  readonly documents: readonly string[];
  readonly cardSerial: string | null;
  readonly basicInfo: BasicInfo | null;
  readonly feeYen: number;
}

/** What a form is built from: the same facts whether the visit is live or a stored application. */
export interface FormSource extends FiledFacts {
  readonly certificates: readonly CertificateKind[];
  readonly representativeName: string | null;
  /** ISO date (JST) the form is dated. */
  readonly date: string;
}

export function formKindOf(procedure: Procedure): FormKind | null {
  switch (procedure) {
    case 'issue':
    case 'renew':
      return 'issueRenew';
    case 'resetPin':
      return 'resetPin';
    case 'revoke':
      return 'revoke';
    case 'pickUp':
      // Pick-up completes an application whose form was signed at the first visit.
      return null;
    case 'changePin':
      // The holder in person with the card, which checks the current password: no form (R-LOCK-4).
      return null;
  }
}

/**
 * R-APP-1..3: the holder signs their own application; a legal representative signs in the
 * holder's place; a voluntary proxy signs as the applicant and the holder signs the delegation.
 */
export function signersOf(applicantType: ApplicantType): readonly FormSigner[] {
  switch (applicantType) {
    case 'self':
      return ['holder'];
    case 'legalRepresentative':
      return ['legalRepresentative'];
    case 'proxy':
      return ['holder', 'proxy'];
  }
}

/** Throws DOMAIN_INVALID_DATE for a bad date, and for a procedure that has no form. */
export function buildApplicationForm(source: FormSource): ApplicationForm {
  const kind = formKindOf(source.procedure);
  if (kind === null) throw domainError('DOMAIN_NO_APPLICATION_FORM', `no application form for ${source.procedure}`);
  const info = source.basicInfo;
  return {
    kind,
    procedure: source.procedure,
    receiptNumber: source.receiptNumber,
    date: eraDate(source.date),
    holder:
      info === null
        ? null
        : {
            name: info.name,
            address: info.address,
            birthDate: eraDate(info.birthDate),
            sex: info.sex,
            outsideFont: (['name', 'address'] as const).filter((field) => hasUnrenderableCharacters(info[field])),
          },
    cardSerial: source.cardSerial,
    certificates: [...source.certificates],
    applicantType: source.applicantType,
    // The holder applying in person has no representative, whatever was typed.
    representativeName: source.applicantType === 'self' ? null : source.representativeName,
    documents: [...source.documents],
    feeYen: source.feeYen,
    signers: signersOf(source.applicantType),
  };
}

/** The live visit's facts, the fee by the R-DOC-3 rule the receipt and the day report use. */
export function formSourceOfVisit(visit: Omit<FormSource, 'date' | 'feeYen'> & { readonly reissuedCard: boolean; readonly nowMs: number }): FormSource {
  const { reissuedCard, nowMs, ...facts } = visit;
  return { ...facts, date: toJstDateTime(nowMs).date, feeYen: fee({ procedure: visit.procedure, cardReissued: reissuedCard }) };
}

/** What the store keeps of an application that its form is printed from again. */
export interface StoredApplicationFacts extends FiledFacts {
  readonly certificateKinds: readonly CertificateKind[];
  readonly createdAt: number;
}

/**
 * A stored application (a reprint): its own fee and day. The representative's name is not filed
 * with the application: a reprint leaves its line to be written in.
 */
export function formSourceOfApplication(application: StoredApplicationFacts): FormSource {
  return {
    procedure: application.procedure,
    applicantType: application.applicantType,
    documents: application.documents,
    cardSerial: application.cardSerial,
    certificates: application.certificateKinds,
    basicInfo: application.basicInfo,
    receiptNumber: application.receiptNumber,
    representativeName: null,
    date: toJstDateTime(application.createdAt).date,
    feeYen: application.feeYen,
  };
}
