/**
 * Pick-up (R-PROC-3): a card is presented; what was issued for it is written onto it.
 *
 * 1. This terminal's store, by card serial: `queued` rows are made due and sent once,
 *    `issued` applications are written, `written` ones completed.
 * 2. Otherwise (the visit happened at another terminal) the CA is asked by the hash of each
 *    key on the card (`x-certs`), and what it returns for that exact key is written.
 */
import { randomUUID } from 'node:crypto';
import type { CardModel } from '../card/card-model';
import { certificateKinds, caLabels, type CertificateKind } from '../domain/vocabulary';
import type { ApplicationRecord } from '../store/applications-repo';
import { readCardPublicKey, spkiSha256 } from './card-keys';
import { recordWritten, writeCertificates, type CertificateToWrite } from './card-writer';
import { expiryDateOf, jstDate, throwIfCancelled, type IssuanceContext } from './context';
import { issuanceError } from './errors';
import { resultFor, writeIfIssued, type ProcedureResult } from './issue';
import { buildReceipt } from './receipt';

export interface PickUpResult {
  readonly cardSerial: string;
  readonly applications: readonly ProcedureResult[];
  /** Where the certificates were found. */
  readonly source: 'local' | 'ca' | 'none';
}

function openApplications(ctx: IssuanceContext, serial: string): ApplicationRecord[] {
  // An uncollected application purged after its retention (R-RET-4) kept no certificate bytes:
  // the CA still has them, and the lookup below serves it like any other terminal's.
  return ctx.store.applications.list({ states: ['queued', 'issued', 'written'], cardSerial: serial }).rows.filter((a) => a.personalDataPurgedAt === null);
}

/** Rows waiting on backoff become due now: the card is here, this is the moment to try. */
function makeDue(ctx: IssuanceContext, applications: readonly ApplicationRecord[], actor: string): void {
  for (const application of applications) {
    if (application.state !== 'queued') continue;
    for (const row of ctx.store.outbox.list({ applicationId: application.id }).rows) {
      if (row.state === 'failed_retryable' || row.state === 'pending') ctx.store.retryOutboxRow(row.id, actor);
    }
  }
}

/** The card's own waiting requests: they go before the backlog. */
function outboxIdsOf(ctx: IssuanceContext, applications: readonly ApplicationRecord[]): string[] {
  return applications.filter((a) => a.state === 'queued').flatMap((a) => ctx.store.outbox.list({ applicationId: a.id }).rows.filter((r) => r.state !== 'done').map((r) => r.id));
}

export async function pickUp(ctx: IssuanceContext, card: CardModel, actor: string): Promise<PickUpResult> {
  const today = jstDate(ctx.now());
  const facts = await card.readCardFacts();
  const local = openApplications(ctx, facts.serial);
  throwIfCancelled(ctx);
  if (local.length > 0) {
    makeDue(ctx, local, actor);
    if (local.some((a) => a.state === 'queued')) await ctx.deliverNow(outboxIdsOf(ctx, local));
    ctx.onProgress?.('pickup-after-sync');
    const results: ProcedureResult[] = [];
    for (const application of local) {
      const current = ctx.store.applications.get(application.id);
      if (current.state === 'issued') await writeIfIssued(ctx, card, current.id, actor);
      else if (current.state === 'written') {
        ctx.store.recordTransition({ applicationId: current.id, from: 'written', to: 'completed', audit: { actor, action: 'application.completed' } });
      }
      results.push(resultFor(ctx, current.id, today, { facts, ...(current.basicInfo === null ? {} : { basicInfo: current.basicInfo }) }));
    }
    return { cardSerial: facts.serial, applications: results, source: 'local' };
  }
  return pickUpFromCa(ctx, card, facts.serial, today, actor);
}

async function pickUpFromCa(ctx: IssuanceContext, card: CardModel, serial: string, today: string, actor: string): Promise<PickUpResult> {
  if (ctx.ca === undefined) throw issuanceError('ISSUE_NO_CA', 'no CA configured to look the card up');
  const found: CertificateToWrite[] = [];
  const hashes: Record<CertificateKind, string | null> = { sign: null, auth: null };
  for (const kind of certificateKinds) {
    const spki = await readCardPublicKey(card, kind);
    if (spki === undefined) continue;
    const hash = spkiSha256(spki);
    hashes[kind] = hash;
    const certs = await ctx.ca.certsForSpki(caLabels[kind], hash);
    const leaf = [...certs].sort((a, b) => b.notBefore.localeCompare(a.notBefore)).find((c) => c.spkiSha256 === hash);
    if (leaf === undefined) continue;
    const issuers = await ctx.ca.issuers(caLabels[kind]);
    found.push({ kind, certificate: leaf, caCertificate: issuers[0] ?? null });
  }
  // The signing certificate is readable only with its PIN, but it is always written before the
  // authentication one: the latter on the card means an earlier pick-up already finished.
  const authLeaf = found.find((f) => f.kind === 'auth');
  const onCard = await card.readCertificates(['auth']);
  if (authLeaf !== undefined && onCard.auth.state === 'present' && onCard.auth.certificate.serialNumber === authLeaf.certificate.serialHex) {
    return { cardSerial: serial, applications: [], source: 'none' };
  }
  if (found.length === 0) return { cardSerial: serial, applications: [], source: 'none' };
  const id = randomUUID();
  const kinds = found.map((f) => f.kind);
  const expiry: Record<CertificateKind, string | null> = { sign: null, auth: null };
  for (const f of found) expiry[f.kind] = expiryDateOf(f.certificate.notAfter);
  ctx.store.recordNewApplication(
    { id, procedure: 'pickUp', applicantType: 'self', documents: ['myNumberCard'], clerkId: actor, cardSerial: serial, certificateKinds: kinds, state: 'issued', feeYen: 0, basicInfo: null, spkiSha256: hashes, expiry, errorCode: null },
    { actor, action: 'pickUp.foundAtCa', details: { serials: found.map((f) => f.certificate.serialHex) } },
  );
  const application = ctx.store.applications.get(id);
  await writeCertificates(card, ctx.issuer, application, found, ctx);
  recordWritten(ctx.store, application, found, actor, ctx);
  const receipt = buildReceipt({
    applicationId: id,
    procedure: 'pickUp',
    applicantType: 'self',
    state: 'completed',
    today,
    certificates: found.map((f) => ({ kind: f.kind, status: 'written' as const, serial: f.certificate.serialHex, expiry: expiryDateOf(f.certificate.notAfter) })),
    feeYen: 0,
    nextStep: 'none',
  });
  const certificates = found.map((f) => ({ kind: f.kind, serial: f.certificate.serialHex, notAfter: f.certificate.notAfter }));
  return { cardSerial: serial, applications: [{ applicationId: id, state: 'completed', certificates, receipt }], source: 'ca' };
}
