import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { pkiError, type PkiErrorCode } from './errors';

/** Decodes exactly one DER element spanning all of `der`; trailing bytes are refused too. */
export function decodeDer(der: Uint8Array, code: PkiErrorCode, what: string): asn1js.AsnType {
  if (der.length === 0) throw pkiError(code, `${what}: empty input`);
  const copy = new Uint8Array(der);
  let result: ReturnType<typeof asn1js.fromBER>;
  try {
    result = asn1js.fromBER(copy);
  } catch (error) {
    // asn1js throws RangeError on some malformed strings (e.g. an odd-length BMPString).
    throw pkiError(code, `${what}: not DER (${error instanceof Error ? error.message : 'decode error'})`);
  }
  if (result.offset === -1 || result.result.error !== '') {
    throw pkiError(code, `${what}: not DER (${result.result.error || 'decode error'})`);
  }
  if (result.offset !== copy.length) throw pkiError(code, `${what}: ${copy.length - result.offset} trailing bytes`);
  return result.result;
}

export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  return Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes).toString('hex');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

/** DER of an asn1js/pkijs object as a plain Uint8Array (no shared ArrayBuffer surprises). */
export function derOf(value: { toBER(sizeOnly?: boolean): ArrayBuffer }): Uint8Array {
  return new Uint8Array(value.toBER(false));
}

/** Upper-case hex of an INTEGER's content octets, without a leading 00 sign byte. */
export function integerHex(value: asn1js.Integer): string {
  const hex = toHex(value.valueBlock.valueHexView).toUpperCase();
  return hex.length > 2 && hex.startsWith('00') ? hex.slice(2) : hex;
}

/** The text of a DirectoryString-like value, whatever string type carries it. */
export function stringValue(value: unknown): string | undefined {
  if (value instanceof asn1js.BaseStringBlock) return value.valueBlock.value;
  if (value instanceof asn1js.OctetString) return Buffer.from(value.valueBlock.valueHexView).toString('utf8');
  return undefined;
}

/**
 * X.690 §11.6: DER puts the components of a SET OF in ascending order of their encodings.
 * Peers that re-encode as DER (some EST clients do before sending) would otherwise change
 * signed bytes. Two complete TLVs never share a proper prefix, so a plain byte compare suffices.
 */
export function derSetOrder<T>(items: readonly T[], encode: (item: T) => Uint8Array): T[] {
  return items
    .map((item) => ({ item, der: Buffer.from(encode(item)) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map((entry) => entry.item);
}
