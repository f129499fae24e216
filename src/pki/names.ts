import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { stringValue } from './der';
import { attributeTypeOids, type AttributeTypeName } from './oids';

export interface RdnEntry {
  readonly type: AttributeTypeName;
  readonly value: string;
}

export interface NameEntry {
  /** Short name when known (C, O, OU, L, ST, CN), else the OID. */
  readonly type: string;
  readonly value: string;
}

/**
 * A Name with each attribute in its own RDN SET. pkijs would put several attributes into one
 * multi-valued RDN (`C=JP + CN=…`), which no JPKI DN does, so the bytes are built here and
 * loaded with fromBER, which makes pkijs re-emit them unchanged.
 */
export function buildName(entries: readonly RdnEntry[]): pkijs.RelativeDistinguishedNames {
  const rdns = entries.map(
    (entry) =>
      new asn1js.Set({
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.ObjectIdentifier({ value: attributeTypeOids[entry.type] }),
              // Country is PrintableString by X.520; the rest UTF8String as the real JPKI DNs use.
              entry.type === 'C' ? new asn1js.PrintableString({ value: entry.value }) : new asn1js.Utf8String({ value: entry.value }),
            ],
          }),
        ],
      }),
  );
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false));
}

const shortNames = new Map<string, string>(Object.entries(attributeTypeOids).map(([short, oid]) => [oid, short]));

export function nameEntries(name: pkijs.RelativeDistinguishedNames): NameEntry[] {
  return name.typesAndValues.map((tv) => ({
    type: shortNames.get(tv.type) ?? tv.type,
    value: stringValue(tv.value) ?? '',
  }));
}

/** `C=JP, O=JPKI, …` in encoding order (not the reversed RFC 4514 order), for logs and tests. */
export function formatName(entries: readonly NameEntry[]): string {
  return entries.map((e) => `${e.type}=${e.value}`).join(', ');
}
