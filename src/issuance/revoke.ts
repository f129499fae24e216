/**
 * Revocation on request (R-PROC-4): lost card or the holder's wish. The request is durable
 * before anything is sent: the application (`procedure: revoke`) is recorded as
 * `card_prepared` ("report owed") together with one outbox row of kind `revoke` per
 * certificate, in one transaction. The sync engine delivers those rows like CSRs (at once when
 * the CA answers, later from the queue); the store completes the application when the CA has
 * confirmed every row. Revoking twice is harmless at the CA.
 */
import { randomUUID } from 'node:crypto';
import type { CardModel } from '../card/card-model';
import { certificateKinds, type CertificateKind } from '../domain/vocabulary';
import { newApplicationFor, type ApplicationRequest } from './application-request';
import { jstDate, throwIfCancelled, type IssuanceContext } from './context';
import { issuanceError } from './errors';
import type { ProcedureResult } from './issue';
import { buildReceipt } from './receipt';
import { canonicalSerial } from './renewal';
import { checkDocuments } from './screening';

// A type, not an interface: the audit details take it as a plain record.
type Target = { readonly kind: CertificateKind; readonly serial: string };

/** Certificates named by the clerk, read from the card, or issued here for this card. */
async function findTargets(ctx: IssuanceContext, card: CardModel | undefined, request: ApplicationRequest, cardSerial: string | null): Promise<Target[]> {
  const found = new Map<string, Target>();
  const add = (kind: CertificateKind, serial: string) => found.set(serial.toUpperCase(), { kind, serial: serial.toUpperCase() });
  const named = request.revocation?.serials ?? {};
  for (const kind of certificateKinds) {
    const serial = named[kind];
    if (serial !== undefined && request.certificates.includes(kind)) add(kind, serial);
  }
  if (card !== undefined && request.certificates.includes('auth')) {
    const onCard = await card.readCertificates(['auth']);
    if (onCard.auth.state === 'present') add('auth', canonicalSerial(onCard.auth.certificate.serialNumber));
  }
  if (cardSerial !== null) {
    for (const application of ctx.store.applications.list({ cardSerial, states: ['issued', 'written', 'completed'] }).rows) {
      for (const row of ctx.store.outbox.list({ applicationId: application.id }).rows) {
        if (row.kind === 'enroll' && row.state === 'done' && row.certificateSerial !== null && request.certificates.includes(row.certificateKind)) add(row.certificateKind, row.certificateSerial);
      }
    }
  }
  return [...found.values()];
}

export async function revokeCertificates(ctx: IssuanceContext, card: CardModel | undefined, request: ApplicationRequest): Promise<ProcedureResult> {
  if (request.procedure !== 'revoke') throw issuanceError('ISSUE_WRONG_PROCEDURE', `'${request.procedure}' is not a revocation`);
  const today = jstDate(ctx.now());
  const actor = request.clerkId;
  checkDocuments(request, request.basicInfo, today);
  const cardSerial = card === undefined ? null : (await card.readCardFacts()).serial;
  const targets = await findTargets(ctx, card, request, cardSerial);
  if (targets.length === 0) throw issuanceError('ISSUE_NOTHING_TO_REVOKE', 'no certificate found to revoke');
  const reason = request.revocation?.reason ?? 'unspecified';
  throwIfCancelled(ctx);
  const id = randomUUID();
  const revocations = targets.map((t) => ({ id: randomUUID(), certificateKind: t.kind, serial: t.serial, reason }));
  ctx.store.unitOfWork(() => {
    ctx.store.recordNewApplication(
      newApplicationFor(request, { id, cardSerial, certificateKinds: [...new Set(targets.map((t) => t.kind))], state: 'draft', feeYen: 0, basicInfo: null }),
      { actor, action: 'application.recorded', details: { procedure: 'revoke' } },
    );
    ctx.store.recordTransition({
      applicationId: id,
      from: 'draft',
      to: 'card_prepared',
      revocations,
      audit: { actor, action: 'revocation.requested', details: { targets, reason, outbox: revocations.map((r) => r.id) } },
    });
  });
  ctx.onProgress?.('revoke-after-record');
  await ctx.deliverNow(revocations.map((r) => r.id));
  ctx.onProgress?.('revoke-after-report');
  settleRevocation(ctx, id, actor);
  const state = ctx.store.applications.stateOf(id);
  const isReported = state === 'completed';
  return {
    applicationId: id,
    state,
    certificates: [],
    receipt: buildReceipt({
      applicationId: id,
      procedure: 'revoke',
      applicantType: request.applicantType,
      state,
      today,
      certificates: targets.map((t) => ({ kind: t.kind, status: isReported ? ('revoked' as const) : ('revocationPending' as const), serial: t.serial })),
      feeYen: 0,
      nextStep: isReported ? 'revocationReported' : state === 'failed' ? 'seeClerk' : 'revocationPending',
    }),
  };
}

/**
 * A report the CA refused for good (unknown serial …) ends the revocation as failed for the
 * clerk to see; confirmed reports were completed by the store as they arrived.
 */
function settleRevocation(ctx: IssuanceContext, applicationId: string, actor: string): void {
  const application = ctx.store.applications.get(applicationId);
  if (application.procedure !== 'revoke' || application.state !== 'card_prepared') return;
  const refused = ctx.store.outbox.list({ applicationId, states: ['failed_permanent'] }).rows[0];
  if (refused === undefined) return;
  const code = refused.lastErrorCode ?? 'EST_REFUSED';
  try {
    ctx.store.recordTransition({ applicationId, from: 'card_prepared', to: 'failed', patch: { errorCode: code }, audit: { actor, action: 'revocation.refused', details: { code } } });
  } catch {
    // Another process moved it meanwhile: its state is the truth.
  }
}

/**
 * Every revocation still owed to the CA is sent now, backoff or not (after restart, after
 * sync); returns how many revocation applications the CA has now confirmed and how many wait.
 */
export async function reportPendingRevocations(ctx: IssuanceContext, actor = 'system'): Promise<{ reported: number; pending: number }> {
  const owed = ctx.store.applications.list({ states: ['card_prepared'] }).rows.filter((a) => a.procedure === 'revoke');
  const rows = ctx.store.outbox.list({ states: ['pending', 'failed_retryable'] }).rows.filter((r) => r.kind === 'revoke');
  for (const row of rows) if (row.state === 'failed_retryable') ctx.store.retryOutboxRow(row.id, actor);
  if (rows.length > 0) await ctx.deliverNow(rows.map((r) => r.id));
  let reported = 0;
  let pending = 0;
  for (const application of owed) {
    settleRevocation(ctx, application.id, actor);
    const state = ctx.store.applications.stateOf(application.id);
    if (state === 'completed') reported += 1;
    else if (state === 'card_prepared') pending += 1;
  }
  return { reported, pending };
}
