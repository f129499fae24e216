/**
 * Finds a password in bytes. A 4-digit PIN also occurs by chance inside hex text (UUIDs, key
 * hashes, serials), so an occurrence inside a run of 8+ hex characters is not counted; a leak
 * would sit in JSON quotes, a form field or a raw APDU, never inside such a run.
 */
const isHex = (b: number | undefined) => b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));

function hexRunAround(bytes: Uint8Array, start: number, end: number): number {
  let left = start;
  while (isHex(bytes[left - 1])) left -= 1;
  let right = end;
  while (isHex(bytes[right])) right += 1;
  return right - left;
}

export function findSecret(bytes: Uint8Array, secret: string): number[] {
  const needle = Buffer.from(secret, 'latin1');
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hits: number[] = [];
  const needleIsHex = needle.every((b) => isHex(b));
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) {
    if (needleIsHex && hexRunAround(haystack, i, i + needle.length) >= 8) continue;
    hits.push(i);
  }
  return hits;
}
