import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { z } from 'zod';
import { isIsoDate } from '../domain/local-date';
import { cardTypes, certificateKinds, sexCodes, type CertificateKind } from '../domain/vocabulary';
import { derOf, derSetOrder, stringValue } from './der';
import { PkiError } from './errors';
import { csrAttributeOids, type CsrAttributeName } from './oids';

const isoDate = z.string().refine(isIsoDate, 'expected an ISO calendar date YYYY-MM-DD');
const hasControl = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const text = (max: number) => z.string().min(1).max(max).refine((s) => !hasControl(s), 'control characters');

const common = {
  applicationId: text(64),
  terminalId: text(64),
  /** Both kinds: the CA needs it to compute the R-VAL expiry. */
  birthDate: isoDate,
  cardExpiry: isoDate.optional(),
  previousExpiry: isoDate.optional(),
  cardType: z.enum(cardTypes).optional(),
};

/**
 * What the CA needs besides the key, signed by the card inside the CSR (design.md §6). The
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

/** Reads the private-arc attributes back; unknown attributes (e.g. extensionRequest) are ignored. */
export function readApplicantAttributes(attributes: readonly pkijs.Attribute[]): CsrApplicant {
  const raw: Record<string, string> = {};
  for (const attribute of attributes) {
    const name = oidToName.get(attribute.type);
    if (name === undefined) continue;
    if (name in raw) throw new PkiError('PKI_BAD_ATTRIBUTES', `attribute ${name} appears twice`);
    const values = attribute.values as unknown[];
    const value = values.length === 1 ? stringValue(values[0]) : undefined;
    if (value === undefined) throw new PkiError('PKI_BAD_ATTRIBUTES', `attribute ${name} must hold exactly one string`);
    raw[name] = value;
  }
  const parsed = csrApplicantSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new PkiError('PKI_BAD_ATTRIBUTES', `CSR attributes invalid: ${detail}`);
  }
  return parsed.data;
}
