/**
 * The host's own checks of what the applicant typed, before anything reaches the card: the new
 * passwords against the chosen certificates and their second entries (R-PW-3), and a password
 * change's three entries (R-LOCK-4). What the card could never accept is refused here, so it
 * never spends a try. Pure: the visit state and the bytes in, a coded error or the kind out.
 */
import { hostError } from '../api/errors';
import type { VisitState } from '../api/visit';
import { certificateKinds, type CertificateKind } from '../domain/vocabulary';
import { isCardReadyPassword, isSameSecret, type Secrets } from '../issuance/secrets';

type PasswordsStep = Extract<VisitState, { step: 'passwords' }>;

/** Exactly the chosen certificates, each by the rules and the same twice. */
export function checkNewPasswords(state: PasswordsStep, secrets: Secrets, repeats: Secrets): void {
  for (const kind of certificateKinds) {
    const secret = secrets[kind];
    const isChosen = state.certificates.includes(kind);
    if (isChosen !== (secret !== undefined)) throw hostError('VISIT_BAD_SECRET', 'passwords do not match the chosen certificates', { field: kind });
    if (secret === undefined) {
      if (repeats[kind] !== undefined) throw hostError('VISIT_BAD_SECRET', 'a second entry without a password', { field: `${kind}Repeat` });
      continue;
    }
    if (!isCardReadyPassword(kind, secret)) throw hostError('VISIT_BAD_SECRET', 'a password breaks the rules', { field: kind });
    if (!isSameSecret(secret, repeats[kind])) throw hostError('VISIT_BAD_SECRET', 'the two entries differ', { field: `${kind}Repeat` });
  }
}

/** The password a change is for, once its current entry, new entry and second entry may go to the card. */
export function checkChange(state: VisitState, entries: { readonly current: Uint8Array; readonly password: Uint8Array; readonly confirmation: Uint8Array; readonly confirmLastTry: boolean }): CertificateKind {
  if (state.step !== 'passwords' || state.procedure !== 'changePin') throw hostError('VISIT_WRONG_STEP', 'no password change is asked for', { step: state.step });
  const [kind] = state.certificates;
  if (kind === undefined || state.card === null) throw hostError('VISIT_WRONG_STEP', 'no password chosen', { step: state.step });
  const tries = state.card.pins[kind];
  if (tries.isBlocked || tries.triesLeft === 0) throw hostError('VISIT_WRONG_STEP', 'the password is locked', { step: state.step });
  if (!isCardReadyPassword(kind, entries.current)) throw hostError('VISIT_BAD_SECRET', 'not a password of that kind', { field: 'current' });
  if (!isCardReadyPassword(kind, entries.password)) throw hostError('VISIT_BAD_SECRET', 'the new password breaks the rules', { field: 'password' });
  if (!isSameSecret(entries.password, entries.confirmation)) throw hostError('VISIT_BAD_SECRET', 'the two entries differ', { field: 'confirmation' });
  // At one try left a wrong entry locks the password: only the applicant's explicit confirmation may spend it.
  if (tries.triesLeft === 1 && !entries.confirmLastTry) throw hostError('VISIT_BAD_SECRET', 'the last try needs confirmation', { triesLeft: 1, field: 'confirmLastTry' });
  return kind;
}
