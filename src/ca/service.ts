import { isCodedError } from '../errors/coded-error';
import { setTimeout as delay } from 'node:timers/promises';
import { caLabels, certificateKinds, type CaLabel, type CertificateKind } from '../domain/vocabulary';
import { buildCrl, type RevocationReason } from '../pki/crl';
import { parseCsr, type ParsedCsr } from '../pki/csr';
import { applicantAttributeOids } from '../pki/csr-attributes';
import { buildCsrAttrs } from '../pki/csrattrs';
import { sha256Hex } from '../pki/der';
import { pkiErrorCodes } from '../pki/errors';
import { buildCertsOnly } from '../pki/pkcs7';
import { caError } from './errors';
import type { JpkiCa, JpkiHierarchy } from './hierarchy';
import { issueJpkiCertificate } from './profile';
import type { CaStore, CertificateRow } from './store';
import type { TerminalIdentity } from './terminal-identity';

/** Test switches for exercising clients; the defaults behave like a plain, prompt CA. */
export interface CaBehaviour {
  /** Answer `202 + Retry-After` this many times for a new request before issuing. */
  readonly pendingPolls?: number;
  readonly retryAfterSeconds?: number;
  /** Hold each issuance this long (keeps a key "in progress" so 409 can be observed). */
  readonly issueDelayMs?: number;
}

export interface CaAnswer {
  readonly status: number;
  /** Absent for answers without a body. */
  readonly contentType?: string;
  readonly body: Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

export const certsOnlyContentType = 'application/pkcs7-mime; smime-type=certs-only';
export const csrAttrsContentType = 'application/csrattrs';

/** Bodies that are base64 DER; older EST clients decode them only when told so by header. */
export function isBase64ContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && (contentType.startsWith('application/pkcs7') || contentType.startsWith(csrAttrsContentType));
}

/**
 * Some EST clients never read the body of a 202/204/404 and fail when they close a response
 * with unread bytes, so those answers carry none (Content-Length: 0).
 */
export function emptyAnswer(status: number, headers?: Readonly<Record<string, string>>): CaAnswer {
  return { status, body: Buffer.alloc(0), ...(headers === undefined ? {} : { headers }) };
}

const kindByLabel = new Map<string, CertificateKind>(certificateKinds.map((k) => [caLabels[k], k]));

export function kindOfLabel(label: string): CertificateKind | undefined {
  return kindByLabel.get(label);
}

function base64Answer(der: Uint8Array, contentType = certsOnlyContentType): CaAnswer {
  return { status: 200, contentType, body: Buffer.from(`${Buffer.from(der).toString('base64')}\n`, 'ascii') };
}

export function jsonAnswer(status: number, value: unknown): CaAnswer {
  return { status, contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(value), 'utf8') };
}

/** The one RSA size the JPKI card generates and the profile certifies. */
export const requiredKeyBits = 2048;

/**
 * Every failure to read a request is the requester's (4xx): a terminal retries a 5xx forever,
 * so a parser surprise (a TypeError deep in pkijs) must not become one.
 */
function validateCsr(der: Uint8Array): ParsedCsr {
  let csr: ParsedCsr;
  try {
    csr = parseCsr(der);
  } catch (error) {
    if (isCodedError(error, pkiErrorCodes)) throw caError(error.code === 'PKI_BAD_ATTRIBUTES' ? 'CA_BAD_ATTRIBUTES' : 'CA_BAD_CSR', `${error.code}: ${error.message}`);
    throw caError('CA_BAD_CSR', `unreadable CSR: ${error instanceof Error ? error.message : 'parse error'}`);
  }
  if (csr.keyBits !== requiredKeyBits) throw caError('CA_BAD_CSR', `the card key must be RSA-${requiredKeyBits}, not ${csr.keyBits} bits`);
  return csr;
}

/** Another municipality's certificate: answered as absent, audited as a refusal. */
const foreignCertificates = new WeakMap<Error, string>();

function foreignCertificate(serial: string): Error {
  const error = caError('CA_NOT_FOUND', `no certificate ${serial}`);
  foreignCertificates.set(error, serial);
  return error;
}

type Decision = { kind: 'replay'; answer: CaAnswer } | { kind: 'pending' } | { kind: 'issue' };

/** The CA's behaviour without HTTP: EST operations plus the x- additions of docs/design.md §6. */
export class ReferenceCaService {
  constructor(
    private readonly store: CaStore,
    private readonly hierarchy: JpkiHierarchy,
    private readonly behaviour: CaBehaviour = {},
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private ca(label: CaLabel): JpkiCa {
    const kind = kindOfLabel(label);
    if (kind === undefined) throw caError('CA_NOT_FOUND', `unknown CA label ${label}`);
    return this.hierarchy[kind];
  }

  /** The issuing CA certificate for a label (DER). */
  cacertsDer(label: CaLabel): Uint8Array {
    return this.ca(label).certDer;
  }

  cacerts(label: CaLabel): CaAnswer {
    return base64Answer(buildCertsOnly([this.ca(label).certDer]), 'application/pkcs7-mime');
  }

  /**
   * RFC 7030 §4.5: the private-arc attributes a CSR for this label carries. Bare OIDs: which
   * of them are optional is the CA's validation to tell (400 CA_BAD_ATTRIBUTES), not this list.
   */
  csrattrs(label: CaLabel): CaAnswer {
    return base64Answer(buildCsrAttrs(applicantAttributeOids(this.ca(label).kind)), csrAttrsContentType);
  }

  private pendingAnswer(): CaAnswer {
    return emptyAnswer(202, { 'Retry-After': String(this.behaviour.retryAfterSeconds ?? 1) });
  }

  private certsOnlyFor(ca: JpkiCa, certDer: Uint8Array): CaAnswer {
    return base64Answer(buildCertsOnly([certDer, ca.certDer]));
  }

  /**
   * simpleenroll with `Idempotency-Key` (docs/ca-protocol.md §5). Without a key the CSR hash stands
   * in for it, so a plain EST resend of the same bytes is also recognised.
   */
  async enroll(label: CaLabel, csrDer: Uint8Array, idempotencyKey: string | undefined, client?: TerminalIdentity): Promise<CaAnswer> {
    const ca = this.ca(label);
    const csr = validateCsr(csrDer);
    if (csr.applicant.certificateKind !== ca.kind) throw caError('CA_WRONG_PROFILE', `a ${csr.applicant.certificateKind} request was sent to ${label}`);
    // The card signed the terminal id into the CSR: another terminal's request is not this one's
    // to send (a stolen or replayed CSR), whatever its idempotency key says.
    if (client !== undefined && csr.applicant.terminalId !== client.terminalId) {
      this.refuse(client, 'simpleenroll', 'CA_FORBIDDEN', { label, csrTerminalId: csr.applicant.terminalId, applicationId: csr.applicant.applicationId });
      throw caError('CA_FORBIDDEN', 'the CSR names another terminal than the client certificate');
    }
    const csrSha256 = sha256Hex(csrDer);
    const key = idempotencyKey ?? `csr:${csrSha256}`;
    const decision = this.store.transaction((): Decision => this.decide(ca, csr, csrSha256, key));
    if (decision.kind === 'replay') return decision.answer;
    if (decision.kind === 'pending') return this.pendingAnswer();
    try {
      if ((this.behaviour.issueDelayMs ?? 0) > 0) await delay(this.behaviour.issueDelayMs);
      const now = this.clock();
      const issued = issueJpkiCertificate(ca, csr, now);
      const answer = this.certsOnlyFor(ca, issued.der);
      this.store.transaction(() => {
        const live = this.store.liveCertificates(label, csr.spkiSha256, now.toISOString());
        if (live.length > 0) throw caError('CA_DUPLICATE_KEY', 'a live certificate for this key and profile appeared meanwhile');
        this.store.insertCertificate({
          serial: issued.serialHex,
          label,
          spkiSha256: csr.spkiSha256,
          csrSha256,
          applicationId: csr.applicant.applicationId,
          der: issued.der,
          notBefore: issued.notBefore,
          notAfter: issued.notAfter,
          issuedAt: now.toISOString(),
          municipalityCode: client?.municipalityCode ?? null,
          cardSerial: csr.applicant.cardSerial ?? null,
        });
        this.store.completeKey(key, answer.status, answer.contentType ?? certsOnlyContentType, answer.body, issued.serialHex);
        if (csr.applicant.cardSerial !== undefined) this.supersede(label, csr.applicant.cardSerial, issued.serialHex, now.toISOString());
      });
      return answer;
    } catch (error) {
      // Nothing is remembered for a request that was not answered with a certificate.
      this.store.deleteKey(key);
      throw error;
    }
  }

  private decide(ca: JpkiCa, csr: ParsedCsr, csrSha256: string, key: string): Decision {
    const pendingPolls = this.behaviour.pendingPolls ?? 0;
    const existing = this.store.getKey(key);
    if (existing !== undefined) {
      if (existing.csrSha256 !== csrSha256 || existing.label !== ca.label) {
        throw caError('CA_IDEMPOTENCY_MISMATCH', 'this Idempotency-Key was used with a different request');
      }
      if (existing.state === 'done' && existing.status !== null && existing.body !== null) {
        return { kind: 'replay', answer: { status: existing.status, contentType: existing.contentType ?? certsOnlyContentType, body: Buffer.from(existing.body) } };
      }
      if (existing.state === 'in_progress') throw caError('CA_IN_PROGRESS', 'this request is still being processed');
      const polls = existing.polls + 1;
      if (polls < pendingPolls) {
        this.store.setKeyState(key, 'pending', polls);
        return { kind: 'pending' };
      }
      this.store.setKeyState(key, 'in_progress', polls);
      return { kind: 'issue' };
    }
    const now = this.clock().toISOString();
    const live = this.store.liveCertificates(ca.label, csr.spkiSha256, now);
    const same = live.find((c) => c.csrSha256 === csrSha256);
    if (same !== undefined) {
      const answer = this.certsOnlyFor(ca, same.der);
      this.store.insertKey(key, ca.label, csrSha256, 'in_progress', now);
      this.store.completeKey(key, answer.status, answer.contentType ?? certsOnlyContentType, answer.body, same.serial);
      return { kind: 'replay', answer };
    }
    if (live.length > 0) {
      throw caError('CA_DUPLICATE_KEY', `this card key already has a live ${ca.kind} certificate (serial ${live[0]?.serial ?? '?'}); revoke it first`);
    }
    if (pendingPolls > 0) {
      this.store.insertKey(key, ca.label, csrSha256, 'pending', now);
      return { kind: 'pending' };
    }
    this.store.insertKey(key, ca.label, csrSha256, 'in_progress', now);
    return { kind: 'issue' };
  }

  /**
   * One card holds one key pair per kind: a new issuance generated new keys, so the older
   * certificates of that kind for the card certify keys the card no longer has (R-PROC-1). They
   * are revoked as `superseded` in the same transaction as the new one is recorded, so the CA
   * never holds two valid certificates of one kind for one card; an authentication certificate
   * takes the signing certificate of its application with it (R-REV-1 d).
   */
  private supersede(label: CaLabel, cardSerial: string, newSerial: string, now: string): void {
    const older = this.store.certificatesForCard(cardSerial).filter((r) => r.label === label && r.serial !== newSerial && r.revokedAt === null && r.notAfter > now);
    for (const row of older) {
      this.store.revoke(row.serial, label, now, 'superseded');
      if (label !== caLabels.auth) continue;
      for (const sign of this.store.liveByApplication(caLabels.sign, row.applicationId)) this.store.revoke(sign.serial, caLabels.sign, now, 'superseded');
      this.store.invalidateCrl(caLabels.sign);
    }
    if (older.length > 0) this.store.invalidateCrl(label);
  }

  /**
   * `x-card`: what this CA holds for a card serial, as the asking municipality may see it (the
   * card screen at any counter: issued and not yet on the card, valid, revoked, expired).
   */
  cardRecordsAnswer(cardSerial: string, client?: TerminalIdentity): CaAnswer {
    const now = this.clock().toISOString();
    const rows = this.store.certificatesForCard(cardSerial).filter((r) => this.visibleTo(client, r));
    return jsonAnswer(200, {
      certificates: rows.map((r) => ({
        kind: kindOfLabel(r.label) ?? 'auth',
        serial: r.serial,
        spkiSha256: r.spkiSha256,
        notBefore: r.notBefore,
        notAfter: r.notAfter,
        issuedAt: r.issuedAt,
        status: r.revokedAt !== null ? 'revoked' : r.notAfter <= now ? 'expired' : 'valid',
        revokedAt: r.revokedAt,
        reason: r.reason,
      })),
    });
  }

  /** Certificates issued for a card key and not revoked (pick-up at any terminal). */
  certificatesForKey(label: CaLabel, spkiSha256: string): CertificateRow[] {
    this.ca(label);
    return this.store.certificatesForKey(label, spkiSha256).filter((c) => c.revokedAt === null);
  }

  /** Policy refusals are audited in the CA's database: who asked for what, and the code. */
  private refuse(client: TerminalIdentity, operation: string, code: string, details: Readonly<Record<string, string>>): void {
    this.store.recordRefusal({ at: this.clock().toISOString(), terminalId: client.terminalId, municipalityCode: client.municipalityCode, operation, code, details });
  }

  /**
   * What a terminal may see: only certificates its own municipality requested. Others'
   * certificates are not listed at all (indistinguishable from absent), so a terminal cannot
   * learn through the CA who holds a card elsewhere.
   */
  private visibleTo(client: TerminalIdentity | undefined, row: CertificateRow): boolean {
    return client === undefined || row.municipalityCode === client.municipalityCode;
  }

  certsForKeyAnswer(label: CaLabel, spkiSha256: string, format: 'pkcs7' | 'json', client?: TerminalIdentity): CaAnswer {
    const rows = this.certificatesForKey(label, spkiSha256).filter((r) => this.visibleTo(client, r));
    if (format === 'json') {
      return jsonAnswer(200, {
        certificates: rows.map((r) => ({ serial: r.serial, notBefore: r.notBefore, notAfter: r.notAfter, issuedAt: r.issuedAt, der: Buffer.from(r.der).toString('base64') })),
      });
    }
    if (rows.length === 0) throw caError('CA_NOT_FOUND', 'no live certificate for this key');
    return base64Answer(buildCertsOnly(rows.map((r) => r.der)));
  }

  /**
   * Revokes one certificate. Revoking an authentication certificate also revokes the signing
   * certificate issued in the same application (R-REV-1 d). Repeating a revocation is harmless.
   */
  revoke(label: CaLabel, serialHex: string, reason: RevocationReason, client?: TerminalIdentity): { serial: string; revokedAt: string; reason: RevocationReason; alreadyRevoked: boolean; alsoRevoked: string[] } {
    this.ca(label);
    // Only full CRLs are published: removeFromCRL has meaning only in a delta CRL (RFC 5280 §5.3.1).
    if (reason === 'removeFromCRL') throw caError('CA_BAD_JSON', 'removeFromCRL is allowed only in delta CRLs, which this CA does not publish');
    const serial = serialHex.toUpperCase();
    return this.store.transaction(() => {
      const cert = this.store.certificate(serial);
      if (cert === undefined || cert.label !== label) throw caError('CA_NOT_FOUND', `no certificate ${serial} under ${label}`);
      // Another municipality's certificate answers exactly like an unknown serial (no oracle for
      // which serials exist elsewhere); the attempt is audited, outside the refused transaction.
      if (!this.visibleTo(client, cert)) throw foreignCertificate(serial);
      if (cert.revokedAt !== null && cert.reason !== null) return { serial, revokedAt: cert.revokedAt, reason: cert.reason, alreadyRevoked: true, alsoRevoked: [] };
      const revokedAt = this.clock().toISOString();
      this.store.revoke(serial, label, revokedAt, reason);
      this.store.invalidateCrl(label);
      const alsoRevoked: string[] = [];
      if (label === caLabels.auth) {
        for (const sign of this.store.liveByApplication(caLabels.sign, cert.applicationId)) {
          this.store.revoke(sign.serial, caLabels.sign, revokedAt, 'unspecified');
          alsoRevoked.push(sign.serial);
        }
        if (alsoRevoked.length > 0) this.store.invalidateCrl(caLabels.sign);
      }
      return { serial, revokedAt, reason, alreadyRevoked: false, alsoRevoked };
    });
  }

  /**
   * Records a terminal's audit head (docs/design.md §5). A head whose seq goes back, or that names
   * another MAC for a seq already recorded, means the terminal's log was rolled back or forked:
   * it is refused (409) and the refusal itself is kept. The same head again is a no-op.
   */
  recordAuditHead(terminalId: string, head: { readonly seq: number; readonly mac: string }): { recorded: boolean; seq: number } {
    const now = this.clock().toISOString();
    const outcome = this.store.transaction(() => {
      const last = this.store.lastAuditHead(terminalId);
      if (last !== undefined && (head.seq < last.seq || (head.seq === last.seq && head.mac !== last.mac))) {
        this.store.insertAuditHeadRefusal(terminalId, head.seq, head.mac, last.seq, now);
        return { refusedBelow: last.seq };
      }
      if (last !== undefined && head.seq === last.seq) return { recorded: false };
      this.store.insertAuditHead(terminalId, head.seq, head.mac, now);
      return { recorded: true };
    });
    if ('refusedBelow' in outcome) throw caError('CA_AUDIT_ROLLBACK', `audit head ${head.seq} of ${terminalId} does not extend the recorded head ${outcome.refusedBelow}`);
    return { recorded: outcome.recorded, seq: head.seq };
  }

  /** Wraps `revoke` so a refusal for another municipality's certificate is audited. */
  revokeFor(label: CaLabel, serialHex: string, reason: RevocationReason, client: TerminalIdentity): ReturnType<ReferenceCaService['revoke']> {
    try {
      return this.revoke(label, serialHex, reason, client);
    } catch (error) {
      const serial = error instanceof Error ? foreignCertificates.get(error) : undefined;
      if (serial === undefined) throw error;
      this.refuse(client, 'x-revoke', 'CA_NOT_FOUND', { label, serial });
      throw caError('CA_NOT_FOUND', `no certificate ${serial} under ${label}`);
    }
  }

  /** The current signed CRL; a new one (next number) after each revocation or once stale. */
  crl(label: CaLabel): Uint8Array {
    const ca = this.ca(label);
    const now = this.clock();
    return this.store.transaction(() => {
      const state = this.store.crlState(label);
      if (state?.der != null && state.nextUpdate !== null && state.nextUpdate > now.toISOString()) return state.der;
      const crlNumber = (state?.crlNumber ?? 0) + 1;
      const nextUpdate = new Date(now.getTime() + 86_400_000);
      const der = buildCrl({
        issuerCertDer: ca.certDer,
        signingKey: ca.key,
        entries: this.store.revocations(label).map((r) => ({ serialHex: r.serial, revokedAt: new Date(r.revokedAt), reason: r.reason })),
        crlNumber,
        thisUpdate: now,
        nextUpdate,
      });
      this.store.saveCrl(label, crlNumber, der, nextUpdate.toISOString());
      return der;
    });
  }
}
