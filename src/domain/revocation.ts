import { certificateKinds, type CertificateKind } from './vocabulary';

/** Events that revoke certificates automatically (R-REV-1, R-REV-2). */
export const revocationEvents = [
  'addressChange', // R-REV-1 a: moving within or out of the city
  'nameChange', // R-REV-1 b
  'recordRemoved', // R-REV-1 c: death etc.
  'authRevoked', // R-REV-1 d
  'cardExpired', // R-REV-1 e, R-VAL-3
  'birthDateChange', // R-REV-1 "similar events": a fact the signing certificate carries
  'sexChange', // R-REV-1 "similar events"
  'cardRevoked', // R-REV-2
] as const;
export type RevocationEvent = (typeof revocationEvents)[number];

/**
 * Which certificates each event revokes. The signing certificate carries the basic 4
 * information, so any change of it revokes it; the authentication certificate carries none
 * and ends only with the card (R-REV-2). `recordRemoved` lists the signing certificate only:
 * the card's own invalidation arrives as a separate `cardRevoked`.
 */
const revokes = {
  addressChange: ['sign'],
  nameChange: ['sign'],
  recordRemoved: ['sign'],
  authRevoked: ['sign'],
  cardExpired: ['sign', 'auth'],
  birthDateChange: ['sign'],
  sexChange: ['sign'],
  cardRevoked: ['sign', 'auth'],
} as const satisfies Record<RevocationEvent, readonly CertificateKind[]>;

/** R-REV-1, R-REV-2: certificates an event revokes, in vocabulary order. */
export function revokedBy(event: RevocationEvent): CertificateKind[] {
  const hit: readonly CertificateKind[] = revokes[event];
  return certificateKinds.filter((kind) => hit.includes(kind));
}

/** R-REV-1, R-REV-2: certificates left standing after all these events. */
export function survivingCertificates(held: readonly CertificateKind[], events: readonly RevocationEvent[]): CertificateKind[] {
  const gone = new Set(events.flatMap((event) => revokedBy(event)));
  return certificateKinds.filter((kind) => held.includes(kind) && !gone.has(kind));
}
