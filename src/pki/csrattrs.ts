import * as asn1js from 'asn1js';
import { decodeDer, derOf } from './der';
import { pkiError } from './errors';

/**
 * RFC 7030 §4.5.2: `CsrAttrs ::= SEQUENCE SIZE (0..MAX) OF AttrOrOID`, where
 * `AttrOrOID ::= CHOICE { oid OBJECT IDENTIFIER, attribute Attribute }`. The CA announces
 * bare OIDs only: the values come from the applicant, not from the CA.
 */
export function buildCsrAttrs(oids: readonly string[]): Uint8Array {
  for (const oid of oids) {
    if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(oid)) throw pkiError('PKI_BAD_CSRATTRS', `not an object identifier: ${oid}`);
  }
  return derOf(new asn1js.Sequence({ value: oids.map((oid) => new asn1js.ObjectIdentifier({ value: oid })) }));
}

export interface CsrAttrsEntry {
  readonly oid: string;
  /** True for the `attribute` choice (the CA names values too), false for a bare OID. */
  readonly isAttribute: boolean;
}

/** Reads a CsrAttrs DER; anything that is not one of the two choices is refused. */
export function parseCsrAttrs(der: Uint8Array): CsrAttrsEntry[] {
  const root = decodeDer(der, 'PKI_BAD_CSRATTRS', 'CsrAttrs');
  if (!(root instanceof asn1js.Sequence)) throw pkiError('PKI_BAD_CSRATTRS', 'CsrAttrs is not a SEQUENCE');
  return root.valueBlock.value.map((item): CsrAttrsEntry => {
    if (item instanceof asn1js.ObjectIdentifier) return { oid: item.valueBlock.toString(), isAttribute: false };
    if (item instanceof asn1js.Sequence) {
      const [type, values] = item.valueBlock.value;
      if (type instanceof asn1js.ObjectIdentifier && values instanceof asn1js.Set && item.valueBlock.value.length === 2) {
        return { oid: type.valueBlock.toString(), isAttribute: true };
      }
    }
    throw pkiError('PKI_BAD_CSRATTRS', 'CsrAttrs element is neither an OID nor an Attribute');
  });
}
