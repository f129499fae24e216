/**
 * Passwords as the card receives them: bytes the caller owns, checked without turning them
 * into strings, zeroed as soon as the card command that needed them returns (docs/design.md §7).
 */
import type { CertificateKind } from '../domain/vocabulary';

export type Secrets = Partial<Record<CertificateKind, Uint8Array>>;

const isUpper = (b: number) => b >= 0x41 && b <= 0x5a;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/**
 * R-PW-1 / R-PW-2 on the normalised bytes (upper-casing happened at the keypad or CLI with
 * the domain's `validatePassword`, which also produced the messages).
 */
export function isCardReadyPassword(kind: CertificateKind, pin: Uint8Array): boolean {
  if (kind === 'auth') return pin.length === 4 && pin.every(isDigit);
  if (pin.length < 6 || pin.length > 16) return false;
  if (!pin.every((b) => isUpper(b) || isDigit(b))) return false;
  return pin.some(isUpper) && pin.some(isDigit);
}

/** R-PW-3: the second entry is the first, byte for byte. */
export function isSameSecret(first: Uint8Array, second: Uint8Array | undefined): boolean {
  return second !== undefined && first.length === second.length && first.every((b, i) => b === second[i]);
}

export function wipe(bytes: Uint8Array | undefined): void {
  bytes?.fill(0);
}

export function wipeAll(secrets: Secrets): void {
  wipe(secrets.sign);
  wipe(secrets.auth);
}
