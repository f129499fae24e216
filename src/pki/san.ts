import * as asn1js from 'asn1js';
import { decodeDer, stringValue } from './der';
import { pkiError } from './errors';
import { jpkiSanOids, type JpkiSanField } from './oids';

/** The signing certificate's resident facts (R-CERT-3) as the SAN otherNames carry them. */
export interface JpkiSanValues {
  readonly name: string;
  readonly nameSubstitute: string;
  readonly sex: string;
  /** `EYYYYMMDD` (era digit + Gregorian date), see jpkiBirthDate. */
  readonly birthDate: string;
  readonly address: string;
  readonly addressSubstitute: string;
}

const sanOrder: readonly JpkiSanField[] = ['name', 'nameSubstitute', 'sex', 'birthDate', 'address', 'addressSubstitute'];

/** Era digits of the JPKI profile: 1 明治, 2 大正, 3 昭和, 4 平成, 5 令和, by each era's first day. */
const eraStarts: readonly (readonly [string, string])[] = [
  ['5', '2019-05-01'],
  ['4', '1989-01-08'],
  ['3', '1926-12-25'],
  ['2', '1912-07-30'],
  ['1', '1868-01-25'],
];

/** ISO date → `EYYYYMMDD` as the JPKI profile writes a date of birth. */
export function jpkiBirthDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw pkiError('PKI_BAD_SAN', 'birth date must be YYYY-MM-DD');
  const era = eraStarts.find(([, start]) => isoDate >= start)?.[0];
  if (era === undefined) throw pkiError('PKI_BAD_SAN', 'birth date before the Meiji era');
  return `${era}${isoDate.replaceAll('-', '')}`;
}

/** `EYYYYMMDD` → ISO date, or undefined when it is not one. */
export function isoFromJpkiBirthDate(value: string): string | undefined {
  const match = /^[1-5](\d{4})(\d{2})(\d{2})$/.exec(value);
  return match === null ? undefined : `${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * SEQUENCE OF otherName `[0] { OID, [0] EXPLICIT UTF8String }`, built by hand: pkijs'
 * GeneralName cannot express the nested explicit tag (pitfall B). All six fields are always
 * written because readers of real certificates expect exactly six.
 */
export function buildJpkiSan(values: JpkiSanValues): Uint8Array {
  const names = sanOrder.map(
    (field) =>
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [
          new asn1js.ObjectIdentifier({ value: jpkiSanOids[field] }),
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Utf8String({ value: values[field] })] }),
        ],
      }),
  );
  return new Uint8Array(new asn1js.Sequence({ value: names }).toBER(false));
}

export interface OtherName {
  readonly oid: string;
  readonly value: string;
}

function isContextConstructed(node: asn1js.AsnType, tag: number): node is asn1js.Constructed {
  return node instanceof asn1js.Constructed && node.idBlock.tagClass === 3 && node.idBlock.tagNumber === tag;
}

/** Every otherName in a subjectAltName extnValue; other GeneralName kinds are skipped. */
export function parseOtherNames(extnValue: Uint8Array): OtherName[] {
  const root = decodeDer(extnValue, 'PKI_BAD_SAN', 'subjectAltName');
  if (!(root instanceof asn1js.Sequence)) throw pkiError('PKI_BAD_SAN', 'subjectAltName is not a SEQUENCE');
  const result: OtherName[] = [];
  for (const general of root.valueBlock.value) {
    if (general.idBlock.tagClass !== 3 || general.idBlock.tagNumber !== 0) continue;
    if (!isContextConstructed(general, 0)) throw pkiError('PKI_BAD_SAN', 'otherName is not constructed');
    const [oid, wrapped, ...extra] = general.valueBlock.value;
    if (!(oid instanceof asn1js.ObjectIdentifier) || wrapped === undefined || extra.length > 0 || !isContextConstructed(wrapped, 0)) {
      throw pkiError('PKI_BAD_SAN', 'otherName is not { OID, [0] value }');
    }
    const inner = wrapped.valueBlock.value;
    const value = inner.length === 1 ? stringValue(inner[0]) : undefined;
    if (value === undefined) throw pkiError('PKI_BAD_SAN', `otherName ${oid.valueBlock.toString()} holds no string`);
    result.push({ oid: oid.valueBlock.toString(), value });
  }
  return result;
}

/** The six JPKI fields, or null when the SAN holds none of them (an auth or CA certificate). */
export function parseJpkiSan(extnValue: Uint8Array): JpkiSanValues | null {
  const byOid = new Map(parseOtherNames(extnValue).map((n) => [n.oid, n.value]));
  if (!sanOrder.some((field) => byOid.has(jpkiSanOids[field]))) return null;
  const read = (field: JpkiSanField): string => {
    const value = byOid.get(jpkiSanOids[field]);
    if (value === undefined) throw pkiError('PKI_BAD_SAN', `JPKI SAN lacks ${field}`);
    return value;
  };
  return {
    name: read('name'),
    nameSubstitute: byOid.get(jpkiSanOids.nameSubstitute) ?? '',
    sex: read('sex'),
    birthDate: read('birthDate'),
    address: read('address'),
    addressSubstitute: byOid.get(jpkiSanOids.addressSubstitute) ?? '',
  };
}
