/**
 * Password reset after a lock or a forgotten password (R-PROC-2, R-LOCK-2): the issuer sets the
 * PIN anew and its counter goes back to the maximum. No CA is involved, so the application goes
 * `draft → card_prepared → completed`; `card_prepared` is recorded only after the card
 * accepted every PIN, which lets restart complete it safely.
 */
import { randomUUID } from 'node:crypto';
import type { CardModel } from '../card/card-model';
import { newApplicationFor, type ApplicationRequest } from './application-request';
import { jstDate, throwIfCancelled, type IssuanceContext } from './context';
import { failureCodeOf, issuanceError } from './errors';
import type { ProcedureResult } from './issue';
import { recordProxyFirstVisit } from './proxy';
import { pinProcedureResult } from './pin-result';
import { checkDocuments, checkPasswords } from './screening';
import { wipe, wipeAll, type Secrets } from './secrets';

export async function resetPins(ctx: IssuanceContext, card: CardModel, request: ApplicationRequest, secrets: Secrets): Promise<ProcedureResult> {
  try {
    if (request.procedure !== 'resetPin') throw issuanceError('ISSUE_WRONG_PROCEDURE', `'${request.procedure}' is not a password reset`);
    if (request.applicantType === 'proxy' && request.continuesApplicationId === undefined) return await recordProxyFirstVisit(ctx, card, request);
    return await resetOnCard(ctx, card, request, secrets);
  } finally {
    wipeAll(secrets);
  }
}

async function resetOnCard(ctx: IssuanceContext, card: CardModel, request: ApplicationRequest, secrets: Secrets): Promise<ProcedureResult> {
  const today = jstDate(ctx.now());
  const actor = request.clerkId;
  const facts = await card.readCardFacts();
  const proxyVisit = request.continuesApplicationId === undefined ? undefined : 'second';
  checkDocuments(request, request.basicInfo, today, proxyVisit);
  const kinds = request.certificates;
  checkPasswords(kinds, secrets);
  throwIfCancelled(ctx);
  let id: string;
  let from: 'draft' | 'awaiting_reply';
  if (request.continuesApplicationId !== undefined) {
    id = request.continuesApplicationId;
    const application = ctx.store.applications.get(id);
    if (application.state !== 'awaiting_reply' || application.procedure !== 'resetPin') throw issuanceError('ISSUE_WRONG_PROCEDURE', `application ${id} is not a password reset awaiting the reply`);
    if (application.cardSerial !== null && application.cardSerial !== facts.serial) throw issuanceError('ISSUE_CARD_MISMATCH', `application ${id} was filed for another card`);
    from = 'awaiting_reply';
  } else {
    id = randomUUID();
    from = 'draft';
    ctx.store.recordNewApplication(
      newApplicationFor(request, { id, cardSerial: facts.serial, certificateKinds: kinds, state: 'draft', feeYen: 0, basicInfo: null }),
      { actor, action: 'application.recorded', details: { procedure: 'resetPin', certificates: [...kinds] } },
    );
  }
  ctx.onProgress?.('reset-after-draft');
  try {
    await card.authenticateIssuer(ctx.issuer);
    for (const kind of kinds) {
      const pin = secrets[kind];
      if (pin === undefined) throw issuanceError('ISSUE_BAD_PASSWORD', `no ${kind} password`, [kind]);
      try {
        await card.setPin(kind, pin);
      } finally {
        wipe(pin);
      }
    }
  } catch (error) {
    const code = failureCodeOf(error);
    if (from === 'draft') ctx.store.recordTransition({ applicationId: id, from, to: 'cancelled', patch: { errorCode: code }, audit: { actor, action: 'application.cancelled', details: { code } } });
    throw error;
  }
  ctx.store.recordTransition({ applicationId: id, from, to: 'card_prepared', patch: { cardSerial: facts.serial }, audit: { actor, action: 'pin.reset', details: { certificates: [...kinds] } } });
  ctx.onProgress?.('reset-after-setpin');
  ctx.store.recordTransition({ applicationId: id, from: 'card_prepared', to: 'completed', audit: { actor, action: 'application.completed' } });
  return pinProcedureResult(ctx, { applicationId: id, procedure: 'resetPin', applicantType: request.applicantType, today, certificates: kinds.map((kind) => ({ kind, status: 'pinReset' as const })) });
}
