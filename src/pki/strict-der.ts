import * as asn1js from 'asn1js';
import { decodeDer } from './der';
import { pkiError, type PkiErrorCode } from './errors';

/**
 * Universal tags that DER encodes in primitive form only (X.690 §10.2, §8.x): a constructed
 * OCTET STRING or string is BER, and a CA that accepts it accepts two encodings of one value.
 */
const primitiveOnlyTags = new Set([1, 2, 3, 4, 5, 6, 10, 12, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 30]);

function refuse(code: PkiErrorCode, what: string, why: string): never {
  throw pkiError(code, `${what}: not canonical DER (${why})`);
}

function checkNode(node: asn1js.AsnType, code: PkiErrorCode, what: string): void {
  const block = node as asn1js.BaseBlock;
  if (block.lenBlock.isIndefiniteForm) refuse(code, what, 'indefinite length');
  // asn1js re-encodes `81 0a` as it came, so a short length in long form is caught here.
  if (block.lenBlock.longFormUsed && block.lenBlock.length < 0x80) refuse(code, what, 'length not minimal');
  const { tagClass, tagNumber, isConstructed } = block.idBlock;
  if (tagClass === 1 && isConstructed && primitiveOnlyTags.has(tagNumber)) refuse(code, what, `constructed form of universal tag ${tagNumber}`);
  if (node instanceof asn1js.Integer) {
    const v = node.valueBlock.valueHexView;
    // X.690 §8.3.2: the first nine bits of an INTEGER are never all 0 or all 1.
    if (v.length === 0) refuse(code, what, 'empty INTEGER');
    if (v.length > 1 && ((v[0] === 0x00 && ((v[1] ?? 0) & 0x80) === 0) || (v[0] === 0xff && ((v[1] ?? 0) & 0x80) !== 0))) refuse(code, what, 'INTEGER not minimal');
  }
  if (node instanceof asn1js.Boolean) {
    const v = node.valueBlock.valueHexView;
    if (v.length !== 1 || (v[0] !== 0x00 && v[0] !== 0xff)) refuse(code, what, 'BOOLEAN not 00/FF');
  }
  if (isConstructed && block instanceof asn1js.Constructed) {
    const children = block.valueBlock.value;
    for (const child of children) checkNode(child, code, what);
    // X.690 §11.6: SET OF components in ascending order of their encodings.
    if (tagClass === 1 && tagNumber === 17) {
      const encoded = children.map((c) => Buffer.from(c.toBER(false)));
      for (let i = 1; i < encoded.length; i += 1) {
        if (Buffer.compare(encoded[i - 1] ?? Buffer.alloc(0), encoded[i] ?? Buffer.alloc(0)) > 0) refuse(code, what, 'SET OF out of order');
      }
    }
  }
}

/**
 * Decodes one element and insists the input is its only (canonical) DER encoding: definite,
 * minimal lengths, primitive strings, minimal INTEGERs, DER BOOLEAN, ordered SETs, and — as the
 * final word — re-encoding the decoded tree gives back exactly the input bytes. Any declared
 * length that disagrees with the content therefore ends here, whatever asn1js tolerated.
 */
export function decodeStrictDer(der: Uint8Array, code: PkiErrorCode, what: string): asn1js.AsnType {
  const node = decodeDer(der, code, what);
  checkNode(node, code, what);
  let again: Uint8Array;
  try {
    again = new Uint8Array(node.toBER(false));
  } catch {
    refuse(code, what, 'cannot be re-encoded');
  }
  if (!Buffer.from(again).equals(Buffer.from(der))) refuse(code, what, 're-encoding differs from the input');
  return node;
}

/** The exact bytes of a decoded element (its tag, length and content, as received). */
export function encodedBytes(node: asn1js.AsnType): Uint8Array {
  return new Uint8Array(node.toBER(false));
}
