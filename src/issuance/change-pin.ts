/**
 * Changing a password the holder knows (R-LOCK-4, R-PROC-7): the card checks the current one
 * and takes the new one with CHANGE REFERENCE DATA. No issuer key and no CA take part.
 *
 * The current password is verified before anything is recorded, so a wrong entry leaves only
 * its audit line and the card's own count; the application (`draft → card_prepared →
 * completed`, free) exists only for a change the card is about to accept. A change whose answer
 * never came back is unconfirmed, not cancelled (R-LOCK-5; recover.ts does the same at restart).
 */
import { randomUUID } from 'node:crypto';
import type { CardModel } from '../card/card-model';
import { isCardError, type CardErrorCode } from '../card/errors';
import type { CertificateKind } from '../domain/vocabulary';
import { newApplicationFor, type ApplicationRequest } from './application-request';
import { jstDate, throwIfCancelled, type IssuanceContext } from './context';
import { failureCodeOf, issuanceError } from './errors';
import type { ProcedureResult } from './issue';
import { pinProcedureResult } from './pin-result';
import { checkPasswords } from './screening';
import { isCardReadyPassword, wipeAll, type Secrets } from './secrets';

/** Losing the card or its answer mid-command leaves the outcome open; any status word the card sent is a definite answer. */
const noAnswerCodes: readonly CardErrorCode[] = ['CARD_REMOVED', 'CARD_TIMEOUT', 'CARD_TRANSPORT', 'CARD_CLOSED', 'CARD_NO_CARD', 'CARD_NO_READER', 'CARD_MALFORMED_RESPONSE'];

export function cardAnswered(error: unknown): boolean {
  return isCardError(error) && !noAnswerCodes.includes(error.code);
}

/** The one password a change request names; only the holder, in person, changes it. */
export function changedKind(request: ApplicationRequest): CertificateKind {
  if (request.procedure !== 'changePin') throw issuanceError('ISSUE_WRONG_PROCEDURE', `'${request.procedure}' is not a password change`);
  if (request.applicantType !== 'self') throw issuanceError('ISSUE_WRONG_PROCEDURE', 'a password change is made by the holder in person');
  const [kind, ...more] = request.certificates;
  if (kind === undefined || more.length > 0) throw issuanceError('ISSUE_WRONG_PROCEDURE', 'a password change names exactly one password');
  return kind;
}

export async function changePins(ctx: IssuanceContext, card: CardModel, request: ApplicationRequest, secrets: Secrets, current: Secrets): Promise<ProcedureResult> {
  try {
    return await changeOnCard(ctx, card, request, secrets, current);
  } finally {
    wipeAll(secrets);
    wipeAll(current);
  }
}

async function changeOnCard(ctx: IssuanceContext, card: CardModel, request: ApplicationRequest, secrets: Secrets, current: Secrets): Promise<ProcedureResult> {
  const kind = changedKind(request);
  const actor = request.clerkId;
  const today = jstDate(ctx.now());
  checkPasswords([kind], secrets);
  const oldPin = current[kind];
  const newPin = secrets[kind];
  // An entry the card could never accept would only spend a try.
  if (oldPin === undefined || !isCardReadyPassword(kind, oldPin)) throw issuanceError('ISSUE_BAD_PASSWORD', `current ${kind} password missing or not valid`, [kind]);
  if (newPin === undefined) throw issuanceError('ISSUE_BAD_PASSWORD', `no new ${kind} password`, [kind]);
  const facts = await card.readCardFacts();
  throwIfCancelled(ctx);
  try {
    await card.verifyPin(kind, oldPin);
  } catch (error) {
    if (isCardError(error, 'CARD_WRONG_PIN') || isCardError(error, 'CARD_PIN_BLOCKED')) {
      const pins = await card.readPinStatus();
      ctx.store.audit.append({ actor, action: 'pin.changeRefused', details: { certificate: kind, cardSerial: facts.serial, code: error.code, triesLeft: pins[kind].triesLeft } });
    }
    throw error;
  }
  const id = randomUUID();
  // Only the holder in person changes a password: the card checks them by the current one.
  ctx.store.recordNewApplication(
    newApplicationFor({ ...request, applicantType: 'self' }, { id, cardSerial: facts.serial, certificateKinds: [kind], state: 'draft', feeYen: 0, basicInfo: null }),
    { actor, action: 'application.recorded', details: { procedure: 'changePin', certificates: [kind] } },
  );
  try {
    // VERIFY again inside the same command pair: the card takes the new value only right after it.
    await card.changePin(kind, oldPin, newPin);
  } catch (error) {
    if (!cardAnswered(error)) {
      // No answer from the card: it may have taken the new password. Saying "unchanged" would be a guess (R-LOCK-5).
      ctx.store.recordTransition({ applicationId: id, from: 'draft', to: 'failed', patch: { errorCode: 'ISSUE_CHANGE_UNCONFIRMED' }, audit: { actor, action: 'pin.changeUnconfirmed', details: { code: failureCodeOf(error) } } });
      throw issuanceError('ISSUE_CHANGE_UNCONFIRMED', `the card did not answer the ${kind} change`, [kind], id);
    }
    const code = failureCodeOf(error);
    ctx.store.recordTransition({ applicationId: id, from: 'draft', to: 'cancelled', patch: { errorCode: code }, audit: { actor, action: 'application.cancelled', details: { code } } });
    throw error;
  }
  ctx.onProgress?.('change-after-card');
  ctx.store.recordTransition({ applicationId: id, from: 'draft', to: 'card_prepared', audit: { actor, action: 'pin.changed', details: { certificates: [kind] } } });
  ctx.onProgress?.('change-after-card-prepared');
  ctx.store.recordTransition({ applicationId: id, from: 'card_prepared', to: 'completed', audit: { actor, action: 'application.completed' } });
  return pinProcedureResult(ctx, { applicationId: id, procedure: 'changePin', applicantType: 'self', today, certificates: [{ kind, status: 'pinChanged' }] });
}
