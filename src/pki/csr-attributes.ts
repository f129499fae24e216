import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { z } from 'zod';
import { isCertificateText } from '../domain/certificate-text';
import { isIsoDate } from '../domain/local-date';
import { cardTypes, certificateKinds, sexCodes, type CertificateKind } from '../domain/vocabulary';
import { derOf, derSetOrder } from './der';
import { pkiError } from './errors';
import { csrAttributeOids, type CsrAttributeName } from './oids';

const isoDate = z.string().refine(isIsoDate, 'expected an ISO calendar date YYYY-MM-DD');
// R-CERT-4 for every text the CA copies or records: controls, format characters, unassigned.
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine(isCertificateText, { message: 'R-CERT-4: control, format or unassigned character, or lone surrogate' });

const common = {
  applicationId: text(64),
  terminalId: text(64),
  /** Both kinds: the CA needs it to compute the R-VAL expiry. */
  birthDate: isoDate,
  cardExpiry: isoDate.optional(),
  previousExpiry: isoDate.optional(),
  cardType: z.enum(cardTypes).optional(),
  /**
   * The card's serial (common AP record, 15 digits), signed by the card's new key: the CA records
   * which card each certificate is for. A certificate without it opens no self-service reset.
   */
  cardSerial: z.string().regex(/^\d{15}$/, 'a card serial is 15 digits').optional(),
};

/**
 * What the CA needs besides the key, signed by the card inside the CSR (docs/design.md §6). The
 * basic 4 information travels only for the signing certificate (R-CERT-3); an authentication
 * request that carries it is refused so personal data is not sent where it is not needed.
 */
export const csrApplicantSchema = z.discriminatedUnion('certificateKind', [
  z.object({ ...common, certificateKind: z.literal(certificateKinds[0]), name: text(200), address: text(400), sex: z.enum(sexCodes) }).strict(),
  z.object({ ...common, certificateKind: z.literal(certificateKinds[1]) }).strict(),
]);
export type CsrApplicant = z.infer<typeof csrApplicantSchema>;

const attributeNames = Object.keys(csrAttributeOids).filter((k): k is CsrAttributeName => k in csrAttributeOids);
const oidToName = new Map<string, CsrAttributeName>(attributeNames.map((name) => [csrAttributeOids[name], name]));

const fieldsByKind = new Map<CertificateKind, ReadonlySet<string>>(csrApplicantSchema.options.map((o) => [o.shape.certificateKind.value, new Set(Object.keys(o.shape))]));

/**
 * The private-arc attribute OIDs a CSR of this kind may carry, in table order (what EST
 * `csrattrs` announces). Derived from the schema so the two cannot drift apart.
 */
export function applicantAttributeOids(kind: CertificateKind): string[] {
  const fields = fieldsByKind.get(kind) ?? new Set<string>();
  return attributeNames.filter((name) => fields.has(name)).map((name) => csrAttributeOids[name]);
}

/** The applicant data as CSR attributes, already in DER SET OF order (see `derSetOrder`). */
export function applicantAttributes(applicant: CsrApplicant): pkijs.Attribute[] {
  const checked: Partial<Record<CsrAttributeName, string>> = csrApplicantSchema.parse(applicant);
  const attributes: pkijs.Attribute[] = [];
  for (const name of attributeNames) {
    const value = checked[name];
    if (value === undefined) continue;
    attributes.push(new pkijs.Attribute({ type: csrAttributeOids[name], values: [new asn1js.Utf8String({ value })] }));
  }
  return derSetOrder(attributes, (attribute) => derOf(attribute.toSchema()));
}

/**
 * The one value of a private-arc attribute: a UTF8String, the only string type the profile
 * names (docs/design.md §6). pkijs leaves `values` undefined for an empty SET, hence the guard.
 */
function singleUtf8Value(name: string, values: unknown): string {
  if (!Array.isArray(values) || values.length !== 1) throw pkiError('PKI_BAD_ATTRIBUTES', `attribute ${name} must hold exactly one value`);
  const value: unknown = values[0];
  if (!(value instanceof asn1js.Utf8String)) throw pkiError('PKI_BAD_ATTRIBUTES', `attribute ${name} must be a UTF8String`);
  const bytes = Buffer.from(value.valueBlock.valueHexView);
  const text = bytes.toString('utf8');
  // Invalid UTF-8 would decode to U+FFFD and reach the certificate as something else.
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw pkiError('PKI_BAD_ATTRIBUTES', `attribute ${name} is not valid UTF-8`);
  return text;
}

/** Reads the private-arc attributes back; unknown attributes (e.g. extensionRequest) are ignored. */
export function readApplicantAttributes(attributes: readonly pkijs.Attribute[]): CsrApplicant {
  const raw: Record<string, string> = {};
  for (const attribute of attributes) {
    const name = oidToName.get(attribute.type);
    if (name === undefined) continue;
    if (name in raw) throw pkiError('PKI_BAD_ATTRIBUTES', `attribute ${name} appears twice`);
    raw[name] = singleUtf8Value(name, attribute.values);
  }
  const parsed = csrApplicantSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw pkiError('PKI_BAD_ATTRIBUTES', `CSR attributes invalid: ${detail}`);
  }
  return parsed.data;
}
