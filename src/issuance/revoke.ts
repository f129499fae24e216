/**
 * Revocation on request (R-PROC-4): lost card or the holder's wish. The request is durable
 * before anything is sent: the application (`procedure: revoke`) is recorded as
 * `card_prepared` ("report owed") together with an audit entry naming the certificates, in one
 * transaction. The report to the CA is tried at once and again after every restart or sync
 * (`reportPendingRevocations`) until the CA confirms; revoking twice is harmless at the CA.
 *
 * The outbox only carries CSRs today, so the audit entry is where the owed report lives; a
 * revocation kind of outbox row would be the cleaner home (noted for the store owners).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CardModel } from '../card/card-model';
import { caLabels, certificateKinds, type CertificateKind } from '../domain/vocabulary';
import { EstError } from '../sync/est-errors';
import type { Store } from '../store/unit-of-work';
import type { ApplicationRequest } from './application-request';
import { jstDate, throwIfCancelled, type IssuanceContext } from './context';
import { IssuanceError } from './errors';
import type { ProcedureResult } from './issue';
import { buildReceipt } from './receipt';
import { checkDocuments } from './screening';

const requestedAction = 'revocation.requested';
const targetSchema = z.object({ kind: z.enum(certificateKinds), serial: z.string().regex(/^[0-9A-F]{1,64}$/) });
const requestedDetails = z.object({ targets: z.array(targetSchema).min(1), reason: z.string().min(1).max(64) });
type Target = z.infer<typeof targetSchema>;

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
    if (onCard.auth.state === 'present') add('auth', onCard.auth.certificate.serialNumber);
  }
  if (cardSerial !== null) {
    for (const application of ctx.store.applications.list({ cardSerial, states: ['issued', 'written', 'completed'] }).rows) {
      for (const row of ctx.store.outbox.list({ applicationId: application.id }).rows) {
        if (row.state === 'done' && row.certificateSerial !== null && request.certificates.includes(row.certificateKind)) add(row.certificateKind, row.certificateSerial);
      }
    }
  }
  return [...found.values()];
}

export async function revokeCertificates(ctx: IssuanceContext, card: CardModel | undefined, request: ApplicationRequest): Promise<ProcedureResult> {
  if (request.procedure !== 'revoke') throw new IssuanceError('ISSUE_WRONG_PROCEDURE', `'${request.procedure}' is not a revocation`);
  const today = jstDate(ctx.now());
  const actor = request.clerkId;
  checkDocuments(request, request.basicInfo, today);
  const cardSerial = card === undefined ? null : (await card.readCardFacts()).serial;
  const targets = await findTargets(ctx, card, request, cardSerial);
  if (targets.length === 0) throw new IssuanceError('ISSUE_NOTHING_TO_REVOKE', 'no certificate found to revoke');
  const reason = request.revocation?.reason ?? 'unspecified';
  throwIfCancelled(ctx);
  const id = randomUUID();
  ctx.store.unitOfWork(() => {
    ctx.store.recordNewApplication(
      {
        id,
        procedure: 'revoke',
        applicantType: request.applicantType,
        documents: request.documents,
        clerkId: actor,
        cardSerial,
        certificateKinds: [...new Set(targets.map((t) => t.kind))],
        state: 'draft',
        feeYen: 0,
        basicInfo: null,
        spkiSha256: { sign: null, auth: null },
        expiry: { sign: null, auth: null },
        errorCode: null,
      },
      { actor, action: 'application.recorded', details: { procedure: 'revoke' } },
    );
    ctx.store.recordTransition({ applicationId: id, from: 'draft', to: 'card_prepared', audit: { actor, action: requestedAction, details: { targets, reason } } });
  });
  ctx.onStep?.('revoke-after-record');
  const isReported = await reportRevocation(ctx, id, actor);
  const state = ctx.store.applications.stateOf(id);
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

function requestedTargets(store: Store, applicationId: string): { targets: Target[]; reason: string } {
  const entry = store.audit.list({ subject: applicationId }).rows.find((e) => e.action === requestedAction);
  const parsed = requestedDetails.safeParse(entry?.details);
  if (!parsed.success) throw new IssuanceError('ISSUE_NOT_FOUND', `revocation ${applicationId}: its request record is missing`);
  return parsed.data;
}

/**
 * Sends the owed report; true once the CA confirmed every certificate. A network failure leaves
 * it owed; a refusal (unknown serial …) ends the application as failed for the clerk to see.
 */
export async function reportRevocation(ctx: IssuanceContext, applicationId: string, actor: string): Promise<boolean> {
  if (ctx.ca === undefined) return false;
  const { targets, reason } = requestedTargets(ctx.store, applicationId);
  try {
    for (const target of targets) await ctx.ca.revoke(caLabels[target.kind], { serial: target.serial, reason });
  } catch (error) {
    if (error instanceof EstError && !error.retryable) {
      ctx.store.recordTransition({ applicationId, from: 'card_prepared', to: 'failed', patch: { errorCode: error.code }, audit: { actor, action: 'revocation.refused', details: { code: error.code } } });
      return false;
    }
    if (error instanceof EstError) return false;
    throw error;
  }
  ctx.onStep?.('revoke-after-report');
  ctx.store.recordTransition({ applicationId, from: 'card_prepared', to: 'completed', audit: { actor, action: 'revocation.reported', details: { serials: targets.map((t) => t.serial) } } });
  return true;
}

/** Every revocation still owed to the CA, tried once each (after restart, after sync). */
export async function reportPendingRevocations(ctx: IssuanceContext, actor = 'system'): Promise<{ reported: number; pending: number }> {
  let reported = 0;
  let pending = 0;
  for (const application of ctx.store.applications.list({ states: ['card_prepared'] }).rows) {
    if (application.procedure !== 'revoke') continue;
    if (await reportRevocation(ctx, application.id, actor)) reported += 1;
    else pending += 1;
  }
  return { reported, pending };
}
