/**
 * What the choose screen says before anything is sent. The host decides the same with
 * `resetAvailability` in src/api/self-service.ts (the renderer may import only types from src/api);
 * a choice the screen lets through is still checked there.
 */
import type { SelfServiceCard, SelfServiceRefusal } from '../../../src/api/self-service';
import type { CertificateKind } from '../../../src/domain/vocabulary';

/** The auth PIN proves a signing-password reset; the signing password proves an auth-PIN reset. */
export function provingKindFor(resetKind: CertificateKind): CertificateKind {
  return resetKind === 'sign' ? 'auth' : 'sign';
}

export type Availability = { readonly ok: true } | { readonly ok: false; readonly reason: Extract<SelfServiceRefusal, 'SELF_SERVICE_NO_CERTIFICATE' | 'SELF_SERVICE_PROVING_LOCKED'> };

export function availability(card: SelfServiceCard, resetKind: CertificateKind): Availability {
  const proving = provingKindFor(resetKind);
  if (!card.certificates[proving]) return { ok: false, reason: 'SELF_SERVICE_NO_CERTIFICATE' };
  if (card.pins[proving].isBlocked || card.pins[proving].triesLeft === 0) return { ok: false, reason: 'SELF_SERVICE_PROVING_LOCKED' };
  return { ok: true };
}
