/**
 * A voluntary proxy's first visit (R-APP-3, R-PROC-5): nothing happens on the card; the request
 * is recorded, moved to `awaiting_reply`, and the inquiry-and-reply letter is produced for
 * mailing to the applicant's registered address. The second visit goes through issue.ts with
 * `continuesApplicationId`.
 */
import { randomUUID } from 'node:crypto';
import type { CardFacts, CardModel } from '../card/card-model';
import { nextCounterDay } from '../domain/counter-hours';
import { eraDate } from '../domain/era-date';
import { newApplicationFor, type ApplicationRequest } from './application-request';
import { jstDate, throwIfCancelled, type IssuanceContext } from './context';
import { issuanceError } from './errors';
import type { ProcedureResult } from './issue';
import { buildReceipt, type InquiryLetter } from './receipt';
import { checkDocuments, screen } from './screening';

export async function recordProxyFirstVisit(ctx: IssuanceContext, card: CardModel | undefined, request: ApplicationRequest): Promise<ProcedureResult> {
  const basicInfo = request.basicInfo;
  if (basicInfo === undefined) throw issuanceError('ISSUE_WRONG_PROCEDURE', 'the inquiry letter needs the basic 4 information');
  const today = jstDate(ctx.now());
  const facts: CardFacts | undefined = card === undefined ? undefined : await card.readCardFacts();
  const screening = screen({ request, basicInfo, facts, today, municipalityCode: ctx.municipalityCode, proxyVisit: 'first' });
  if (screening.refusals.length > 0) throw issuanceError('ISSUE_NOT_ELIGIBLE', `refused: ${screening.refusals.join(', ')}`, screening.refusals);
  checkDocuments(request, basicInfo, today, 'first');
  throwIfCancelled(ctx);
  const id = randomUUID();
  const actor = request.clerkId;
  const recorded = ctx.store.unitOfWork(() => {
    const application = ctx.store.recordNewApplication(
      newApplicationFor(request, { id, cardSerial: facts?.serial ?? null, certificateKinds: screening.kinds, state: 'draft', feeYen: screening.feeYen, basicInfo }),
      { actor, action: 'application.recorded', details: { procedure: request.procedure, applicantType: 'proxy', certificates: [...screening.kinds] } },
    );
    ctx.store.recordTransition({ applicationId: id, from: 'draft', to: 'awaiting_reply', audit: { actor, action: 'inquiryLetter.issued' } });
    return application;
  });
  const letter: InquiryLetter = {
    applicationId: id,
    receiptNumber: recorded.receiptNumber,
    addresseeName: basicInfo.name,
    addresseeAddress: basicInfo.address,
    dated: eraDate(nextCounterDay(today, { includeToday: true })),
    certificates: screening.kinds,
  };
  return {
    applicationId: id,
    state: 'awaiting_reply',
    certificates: [],
    receipt: buildReceipt({
      applicationId: id,
      receiptNumber: recorded.receiptNumber,
      procedure: request.procedure,
      applicantType: request.applicantType,
      state: 'awaiting_reply',
      today,
      certificates: screening.kinds.map((kind) => ({ kind, status: 'requested' as const })),
      feeYen: screening.feeYen,
      nextStep: 'awaitInquiryLetter',
      warnings: screening.warnings,
      inquiryLetter: letter,
    }),
  };
}
