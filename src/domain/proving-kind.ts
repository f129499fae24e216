import type { CertificateKind } from './vocabulary';

/**
 * A self-service reset is proved with the card's other certificate: its password is the one the
 * holder still knows (src/ca/README.md).
 */
export function provingKind(resetKind: CertificateKind): CertificateKind {
  return resetKind === 'sign' ? 'auth' : 'sign';
}
