/**
 * Which procedure needs the card and which passwords, in ONE exhaustive map: the
 * screens and the CLI both run procedures through `runProcedure`, so neither decides it
 * differently. Secrets are wiped on every path, also when the card could not be opened.
 */
import type { CardModel } from '../card/card-model';
import { certificateKinds, type CertificateKind, type Procedure } from '../domain/vocabulary';
import type { ApplicationRequest } from './application-request';
import { changePins } from './change-pin';
import type { IssuanceContext } from './context';
import { issuanceError } from './errors';
import { issueCertificates, type ProcedureResult } from './issue';
import { pickUp } from './pickup';
import { recordProxyFirstVisit } from './proxy';
import { resetPins } from './reset-pin';
import { revokeCertificates } from './revoke';
import { wipeAll, type Secrets } from './secrets';

export const procedureKinds = ['issue', 'renew', 'resetPin', 'pickUp', 'revoke', 'proxyFirstVisit', 'proxySecondVisit', 'changePin'] as const;
export type ProcedureKind = (typeof procedureKinds)[number];

/** `required`: refused without the card; `optional`: used when present (revocation, a proxy's first visit). */
export type CardNeed = 'required' | 'optional';

export interface ProcedureHandler {
  readonly card: CardNeed;
  /** The passwords the applicant sets, in vocabulary order: only for the certificates requested. */
  passwords(request: ApplicationRequest): readonly CertificateKind[];
  /** `current`: a password change's current passwords, for the card to verify (empty otherwise). */
  run(ctx: IssuanceContext, card: CardModel | undefined, request: ApplicationRequest, secrets: Secrets, current: Secrets): Promise<ProcedureRun>;
}

/** The use cases' results; a pick-up also says where it found the certificates. */
export interface ProcedureRun {
  readonly results: readonly ProcedureResult[];
  readonly pickUp?: { readonly cardSerial: string; readonly source: 'local' | 'ca' | 'none' };
}

const one = async (result: Promise<ProcedureResult>): Promise<ProcedureRun> => ({ results: [await result] });

const requested = (request: ApplicationRequest): CertificateKind[] => certificateKinds.filter((k) => request.certificates.includes(k));
const none = (): readonly CertificateKind[] => [];

function needCard(card: CardModel | undefined, kind: ProcedureKind): CardModel {
  if (card === undefined) throw issuanceError('ISSUE_WRONG_PROCEDURE', `${kind} needs the card`);
  return card;
}

export const procedureHandlers = {
  issue: { card: 'required', passwords: requested, run: (ctx, card, request, secrets) => one(issueCertificates(ctx, needCard(card, 'issue'), request, secrets)) },
  renew: { card: 'required', passwords: requested, run: (ctx, card, request, secrets) => one(issueCertificates(ctx, needCard(card, 'renew'), request, secrets)) },
  resetPin: { card: 'required', passwords: requested, run: (ctx, card, request, secrets) => one(resetPins(ctx, needCard(card, 'resetPin'), request, secrets)) },
  pickUp: {
    card: 'required',
    passwords: none,
    async run(ctx, card, request) {
      const result = await pickUp(ctx, needCard(card, 'pickUp'), request.clerkId);
      return { results: result.applications, pickUp: { cardSerial: result.cardSerial, source: result.source } };
    },
  },
  revoke: { card: 'optional', passwords: none, run: (ctx, card, request) => one(revokeCertificates(ctx, card, request)) },
  // R-PROC-5: the first visit only records the request and yields the inquiry letter.
  proxyFirstVisit: { card: 'optional', passwords: none, run: (ctx, card, request) => one(recordProxyFirstVisit(ctx, card, request)) },
  proxySecondVisit: { card: 'required', passwords: requested, run: (ctx, card, request, secrets) => one(issueCertificates(ctx, needCard(card, 'proxySecondVisit'), request, secrets)) },
  // R-LOCK-4: the card checks the current password itself; no issuer key, CA or basic 4 information.
  changePin: { card: 'required', passwords: requested, run: (ctx, card, request, secrets, current) => one(changePins(ctx, needCard(card, 'changePin'), request, secrets, current)) },
} as const satisfies Record<ProcedureKind, ProcedureHandler>;

/** The handler key of a request (a voluntary proxy's visits are their own kinds). */
export function procedureKindOf(request: Pick<ApplicationRequest, 'procedure' | 'applicantType' | 'continuesApplicationId'>): ProcedureKind {
  const isIssuance = request.procedure === 'issue' || request.procedure === 'renew';
  if (isIssuance && request.applicantType === 'proxy') return request.continuesApplicationId === undefined ? 'proxyFirstVisit' : 'proxySecondVisit';
  return request.procedure satisfies Procedure;
}

export function handlerFor(request: ApplicationRequest): ProcedureHandler {
  return procedureHandlers[procedureKindOf(request)];
}

/**
 * Every receipt carries its application's number from the store, whichever use case built it
 * (the number is given when the application is recorded).
 */
function withReceiptNumber(ctx: IssuanceContext, result: ProcedureResult): ProcedureResult {
  if (result.receipt.receiptNumber !== null) return result;
  try {
    const { receiptNumber } = ctx.store.applications.get(result.applicationId);
    return { ...result, receipt: { ...result.receipt, receiptNumber } };
  } catch {
    // No application row to read (never expected): the receipt goes out without a number.
    return result;
  }
}

/**
 * Runs one procedure: the card is opened only when the handler may use it, and the secrets
 * are wiped whatever happens (the use cases wipe too; wiping twice costs nothing).
 */
export async function runWithHandler(
  ctx: IssuanceContext,
  request: ApplicationRequest,
  card: CardModel | undefined,
  secrets: Secrets,
  current: Secrets = {},
): Promise<ProcedureRun> {
  try {
    const kind = procedureKindOf(request);
    const handler: ProcedureHandler = procedureHandlers[kind];
    if (handler.card === 'required' && card === undefined) throw issuanceError('ISSUE_WRONG_PROCEDURE', `${kind} needs the card`);
    const run = await handler.run(ctx, card, request, secrets, current);
    return { ...run, results: run.results.map((r) => withReceiptNumber(ctx, r)) };
  } finally {
    wipeAll(secrets);
    wipeAll(current);
  }
}
