/** The one fact the change screens decide on: a locked password is never tried (R-LOCK-4). */
import type { PinTries } from '../../../src/api/visit';

export function isLockedPin(pin: PinTries): boolean {
  return pin.isBlocked || pin.triesLeft === 0;
}
