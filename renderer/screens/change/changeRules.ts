/** The one fact the change screens decide on: a locked password is never tried (R-LOCK-4). */
import type { PinTries } from '../../../src/api/visit';
import { certificateKinds, type CertificateKind } from '../../../src/domain/vocabulary';

export function isLockedPin(pin: PinTries): boolean {
  return pin.isBlocked || pin.triesLeft === 0;
}

/** Whether any of the two passwords may be changed (the choice is offered only then). */
export function mayChangeAny(pins: Readonly<Record<CertificateKind, PinTries>>): boolean {
  return certificateKinds.some((kind) => !isLockedPin(pins[kind]));
}
