/**
 * New issuance and renewal (R-PROC-1), including a voluntary proxy's second visit (R-PROC-5).
 *
 * Order of durable writes, so a crash anywhere leaves something restart can finish or undo:
 *   draft (+audit) → card: issuer auth, keys, PINs → card_prepared (+SPKI hashes)
 *   → card signs CSRs → ONE transaction: queued + outbox rows (exact CSR bytes)
 *   → one bounded delivery round → issued → write certificates → written → completed.
 * Before `queued`, restart cancels (nothing reached the CA). From `queued` on, the outbox and
 * pick-up finish the job; the CA replays by Idempotency-Key, so nothing is issued twice.
 */
import { randomUUID } from 'node:crypto';
import type { CardFacts, CardModel } from '../card/card-model';
import { isCardError } from '../card/errors';
import { certificateExpiry } from '../domain/validity';
import type { ApplicationState, BasicInfo, CertificateKind } from '../domain/vocabulary';
import type { ApplicationRecord } from '../store/applications-repo';
import { newApplicationFor, type ApplicationRequest } from './application-request';
import { prepareKeys, signRequests, type CsrContext } from './card-preparation';
import { certificatesFromOutbox, recordWritten, writeCertificates, type CertificateToWrite } from './card-writer';
import { expiryDateOf, jstDate, throwIfCancelled, type IssuanceContext } from './context';
import { failureCodeOf, issuanceError } from './errors';
import { buildReceipt, type Receipt, type ReceiptCertificateStatus } from './receipt';
import { checkDocuments, checkPasswords, screen } from './screening';
import { wipeAll, type Secrets } from './secrets';
import { recordProxyFirstVisit } from './proxy';
import { previousCertificates, supersedingRevocations } from './renewal';

export interface IssuedCertificateView {
  readonly kind: CertificateKind;
  readonly serial: string;
  readonly notAfter: string;
}

export interface ProcedureResult {
  readonly applicationId: string;
  readonly state: ApplicationState;
  readonly certificates: readonly IssuedCertificateView[];
  readonly receipt: Receipt;
}

/** R-VAL-4: the current certificate's last valid day, read before the new key erases it. */
async function previousExpiryOf(card: CardModel): Promise<string | undefined> {
  const current = await card.readCertificates(['auth']);
  return current.auth.state === 'present' ? expiryDateOf(current.auth.certificate.notAfter) : undefined;
}

function continuedApplication(ctx: IssuanceContext, request: ApplicationRequest, facts: CardFacts): ApplicationRecord {
  const id = request.continuesApplicationId ?? '';
  const application = ctx.store.applications.get(id);
  if (application.state !== 'awaiting_reply') throw issuanceError('ISSUE_WRONG_PROCEDURE', `application ${id} is '${application.state}', not awaiting the reply`);
  if (application.procedure !== request.procedure) throw issuanceError('ISSUE_WRONG_PROCEDURE', `application ${id} is a '${application.procedure}'`);
  if (application.cardSerial !== null && application.cardSerial !== facts.serial) throw issuanceError('ISSUE_CARD_MISMATCH', `application ${id} was filed for another card`);
  return application;
}

/** Issue / renew; a voluntary proxy's first visit is handed to the proxy use case. */
export async function issueCertificates(ctx: IssuanceContext, card: CardModel | undefined, request: ApplicationRequest, secrets: Secrets): Promise<ProcedureResult> {
  try {
    if (request.procedure !== 'issue' && request.procedure !== 'renew') throw issuanceError('ISSUE_WRONG_PROCEDURE', `'${request.procedure}' is not an issuance`);
    if (request.applicantType === 'proxy' && request.continuesApplicationId === undefined) return await recordProxyFirstVisit(ctx, card, request);
    if (card === undefined) throw issuanceError('ISSUE_WRONG_PROCEDURE', 'issuance needs the card');
    return await issueOnCard(ctx, card, request, secrets);
  } finally {
    wipeAll(secrets);
  }
}

async function issueOnCard(ctx: IssuanceContext, card: CardModel, request: ApplicationRequest, secrets: Secrets): Promise<ProcedureResult> {
  const actor = request.clerkId;
  const today = jstDate(ctx.now());
  const facts = await card.readCardFacts();
  const continued = request.continuesApplicationId === undefined ? undefined : continuedApplication(ctx, request, facts);
  const basicInfo: BasicInfo | undefined = request.basicInfo ?? continued?.basicInfo ?? undefined;
  if (basicInfo === undefined) throw issuanceError('ISSUE_WRONG_PROCEDURE', 'issuance needs the basic 4 information');
  const proxyVisit = continued === undefined ? undefined : 'second';
  const screening = screen({ request, basicInfo, facts, today, municipalityCode: ctx.municipalityCode, ...(proxyVisit === undefined ? {} : { proxyVisit }) });
  if (screening.refusals.length > 0) {
    const id = continued?.id ?? randomUUID();
    if (continued === undefined) {
      ctx.store.recordNewApplication(newRecord(id, request, facts, basicInfo, screening.kinds, screening.feeYen, 'rejected'), { actor, action: 'application.rejected', details: { refusals: [...screening.refusals] } });
    } else {
      ctx.store.recordTransition({ applicationId: id, from: 'awaiting_reply', to: 'rejected', audit: { actor, action: 'application.rejected', details: { refusals: [...screening.refusals] } } });
    }
    throw issuanceError('ISSUE_NOT_ELIGIBLE', `application ${id} refused: ${screening.refusals.join(', ')}`, screening.refusals, id);
  }
  checkDocuments(request, basicInfo, today, proxyVisit);
  const kinds = continued === undefined ? screening.kinds : continued.certificateKinds.filter((k) => screening.kinds.includes(k));
  checkPasswords(kinds, secrets);
  const previousExpiry = request.procedure === 'renew' ? await previousExpiryOf(card) : undefined;
  const superseded = request.procedure === 'renew' ? await previousCertificates(ctx.store, card, facts.serial, kinds) : [];

  // The last moment a cancel leaves no trace at all.
  throwIfCancelled(ctx);
  let applicationId: string;
  let from: ApplicationState;
  if (continued === undefined) {
    applicationId = randomUUID();
    ctx.store.recordNewApplication(newRecord(applicationId, request, facts, basicInfo, kinds, screening.feeYen, 'draft'), {
      actor,
      action: 'application.recorded',
      details: { procedure: request.procedure, applicantType: request.applicantType, certificates: [...kinds], warnings: [...screening.warnings] },
    });
    from = 'draft';
  } else {
    applicationId = continued.id;
    from = 'awaiting_reply';
    ctx.store.audit.append({ actor, action: 'application.replyReceived', subject: applicationId });
  }
  ctx.onProgress?.('issue-after-draft');

  const csrContext: CsrContext = { applicationId, terminalId: ctx.terminalId, facts, basicInfo, previousExpiry };
  let csrs: Partial<Record<CertificateKind, Uint8Array>>;
  let stage: 'before-card' | 'card-prepared' = 'before-card';
  let revocations: readonly { readonly id: string }[] | undefined;
  try {
    const keys = await prepareKeys(card, ctx.issuer, kinds, secrets, ctx);
    // The old keys are gone from the card now: their certificates are revoked (through the queue).
    const owed = supersedingRevocations(superseded);
    revocations = owed;
    ctx.store.recordTransition({
      applicationId,
      from,
      to: 'card_prepared',
      patch: { cardSerial: facts.serial, spkiSha256: keys.spkiSha256 },
      revocations: owed,
      audit: { actor, action: 'card.prepared', details: { certificates: [...kinds], superseded: superseded.map((p) => p.serial) } },
    });
    stage = 'card-prepared';
    ctx.onProgress?.('issue-after-card-prepared');
    csrs = await signRequests(card, keys, kinds, secrets, csrContext, ctx);
  } catch (error) {
    abandon(ctx, applicationId, stage === 'before-card' ? from : 'card_prepared', error, actor);
    throw error;
  }

  const outbox = kinds.map((kind) => ({ id: randomUUID(), certificateKind: kind, csrDer: csrs[kind] ?? new Uint8Array(0) }));
  ctx.store.recordTransition({ applicationId, from: 'card_prepared', to: 'queued', outbox, audit: { actor, action: 'application.queued', details: { outbox: outbox.map((r) => r.id) } } });
  ctx.onProgress?.('issue-after-queue');

  await ctx.deliverNow([...outbox.map((r) => r.id), ...(revocations ?? []).map((r) => r.id)]);
  ctx.onProgress?.('issue-after-delivery');
  await writeIfIssued(ctx, card, applicationId, actor);
  ctx.onProgress?.('issue-after-completed');
  return resultFor(ctx, applicationId, today, { facts, basicInfo, previousExpiry, warnings: screening.warnings });
}

function newRecord(id: string, request: ApplicationRequest, facts: CardFacts | undefined, basicInfo: BasicInfo, kinds: readonly CertificateKind[], feeYen: number, state: ApplicationState) {
  return newApplicationFor(request, { id, cardSerial: facts?.serial ?? null, certificateKinds: kinds, state, feeYen, basicInfo });
}

/** A card step failed: nothing reached the CA, so the application ends here with its reason. */
function abandon(ctx: IssuanceContext, applicationId: string, state: ApplicationState, error: unknown, actor: string): void {
  const code = failureCodeOf(error);
  if (state === 'awaiting_reply') {
    // The proxy's filed request stays open: the second visit can simply be tried again.
    ctx.store.audit.append({ actor, action: 'application.visitFailed', subject: applicationId, details: { code } });
    return;
  }
  const to = state === 'card_prepared' ? 'failed' : 'cancelled';
  try {
    ctx.store.recordTransition({ applicationId, from: state, to, patch: { errorCode: code }, audit: { actor, action: to === 'failed' ? 'application.failed' : 'application.cancelled', details: { code } } });
  } catch {
    // Recovery on the next start ends it instead.
  }
}

/**
 * When the CA answered during the visit, writes the certificates now. A card pulled out
 * meanwhile leaves the application `issued`: pick-up finishes it at any counter.
 */
export async function writeIfIssued(ctx: IssuanceContext, card: CardModel, applicationId: string, actor: string): Promise<boolean> {
  const application = ctx.store.applications.get(applicationId);
  if (application.state !== 'issued') return false;
  let certificates: CertificateToWrite[];
  try {
    certificates = certificatesFromOutbox(ctx.store, application);
    await writeCertificates(card, ctx.issuer, application, certificates, ctx);
  } catch (error) {
    if (isCardError(error)) {
      ctx.store.audit.append({ actor, action: 'certificates.writeFailed', subject: applicationId, details: { code: error.code } });
      return false;
    }
    throw error;
  }
  recordWritten(ctx.store, application, certificates, actor, ctx);
  return true;
}

export interface ResultExtras {
  readonly facts?: CardFacts;
  readonly basicInfo?: BasicInfo;
  readonly previousExpiry?: string | undefined;
  readonly warnings?: readonly string[];
}

/** The JSON answer and receipt from what the store now says about the application. */
export function resultFor(ctx: IssuanceContext, applicationId: string, today: string, extras: ResultExtras = {}): ProcedureResult {
  const application = ctx.store.applications.get(applicationId);
  const { rows } = ctx.store.outbox.list({ applicationId });
  const certificates: IssuedCertificateView[] = [];
  const receiptCertificates = application.certificateKinds.map((kind) => {
    const row = rows.find((r) => r.certificateKind === kind && r.state === 'done');
    if (row !== undefined && row.certificateSerial !== null && row.notAfter !== null) {
      certificates.push({ kind, serial: row.certificateSerial, notAfter: row.notAfter });
      const status: ReceiptCertificateStatus = application.state === 'completed' || application.state === 'written' ? 'written' : 'waitingForCard';
      return { kind, status, serial: row.certificateSerial, expiry: expiryDateOf(row.notAfter) };
    }
    return { kind, status: 'waitingForCard' as const, expiry: expectedExpiry(kind, today, extras), expiryIsExpected: true };
  });
  const isDone = application.state === 'completed';
  return {
    applicationId,
    state: application.state,
    certificates,
    receipt: buildReceipt({
      applicationId,
      receiptNumber: application.receiptNumber,
      applicantName: application.basicInfo?.name ?? extras.basicInfo?.name ?? null,
      procedure: application.procedure,
      applicantType: application.applicantType,
      state: application.state,
      today,
      certificates: receiptCertificates,
      feeYen: application.feeYen,
      nextStep: isDone ? 'none' : application.state === 'queued' || application.state === 'issued' ? 'presentCardForPickUp' : 'seeClerk',
      warnings: extras.warnings ?? [],
    }),
  };
}

function expectedExpiry(kind: CertificateKind, today: string, extras: ResultExtras): string | null {
  if (extras.basicInfo === undefined) return null;
  try {
    const result = certificateExpiry({
      birthDate: extras.basicInfo.birthDate,
      issueDate: today,
      ...(extras.facts === undefined ? {} : { cardExpiry: extras.facts.cardExpiry, cardType: extras.facts.cardType }),
      ...(extras.previousExpiry === undefined ? {} : { previousExpiry: extras.previousExpiry }),
    });
    return result[kind];
  } catch {
    return null;
  }
}
