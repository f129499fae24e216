/**
 * The terminal's HTTPS client of the CA's x-reset (src/ca/README.md), behind the `ResetAuthority`
 * port of issuance/self-reset.ts: it relays the card's
 * certificate, proof and challenge, and gets back a nonce, then the issuer authentication. The
 * answer is validated like any network input; a CA that cannot be reached, or fails, is
 * "offline" (nothing on the card changes), a CA that refuses gives the resident's reason.
 */
import { Agent } from 'node:https';
import { z } from 'zod';
import { isSelfServiceRefusal, selfServiceRefusals, type SelfServiceRefusal } from '../api/self-service';
import { CodedError, isCodedError } from '../errors/coded-error';
import type { AuthorizeInput, ChallengeInput, ResetAuthority, ResetAuthorization, ResetChallenge } from '../issuance/self-reset';
import { cardChallengeBytes, resetNonceBytes } from '../pki/reset-proof';
import { exchange } from '../sync/https-exchange';
import type { CaConnection } from './data-dir';

/** Why the CA gave no answer: `offline` (nothing changed, try later) or a refusal for the resident. */
export type ResetOutcome = { readonly kind: 'offline' } | { readonly kind: 'refused'; readonly reason: SelfServiceRefusal };
type ResetAuthorityCode = 'SELF_SERVICE_OFFLINE' | SelfServiceRefusal;
const resetAuthorityCodes: readonly ResetAuthorityCode[] = ['SELF_SERVICE_OFFLINE', ...selfServiceRefusals];

export function resetAuthorityError(outcome: ResetOutcome, message: string): CodedError<ResetAuthorityCode> {
  return outcome.kind === 'offline' ? new CodedError('SELF_SERVICE_OFFLINE', message, { retryable: true }) : new CodedError(outcome.reason, message);
}

/** The outcome a reset-authority error stands for, or undefined for any other error. */
export function resetOutcomeOf(error: unknown): ResetOutcome | undefined {
  if (!isCodedError(error, resetAuthorityCodes)) return undefined;
  return error.code === 'SELF_SERVICE_OFFLINE' ? { kind: 'offline' } : { kind: 'refused', reason: error.code };
}

const refusalByCaCode: Readonly<Record<string, SelfServiceRefusal>> = {
  CA_RESET_CARD_LOST: 'SELF_SERVICE_CARD_LOST',
  CA_RESET_REVOKED: 'SELF_SERVICE_REVOKED',
  CA_RESET_CERT_EXPIRED: 'SELF_SERVICE_CERT_EXPIRED',
  CA_RESET_PROOF_FAILED: 'SELF_SERVICE_PROOF_FAILED',
  CA_RESET_RATE_LIMITED: 'SELF_SERVICE_RATE_LIMITED',
  CA_RESET_CARD_MISMATCH: 'SELF_SERVICE_CARD_MISMATCH',
  CA_RESET_CARD_UNRECORDED: 'SELF_SERVICE_CARD_UNRECORDED',
};

/** A CA error code → the resident's reason; unknown refusals are the CA's refusal in general. */
export function refusalFor(caCode: string | undefined): SelfServiceRefusal {
  const reason = caCode === undefined ? undefined : refusalByCaCode[caCode];
  return reason !== undefined && isSelfServiceRefusal(reason) ? reason : 'SELF_SERVICE_CA_REFUSED';
}

const challengeAnswerSchema = z.object({ nonce: z.string().regex(new RegExp(`^[0-9a-f]{${resetNonceBytes * 2}}$`)), expiresAt: z.iso.datetime() }).strict();
const authorizeAnswerSchema = z.object({ issuerAuthentication: z.string().regex(/^[0-9a-f]{128}$/), reference: z.string().regex(/^[\x21-\x7e]{1,64}$/) }).strict();

const maxAnswerBytes = 16 * 1024;

export interface HttpsResetAuthorityOptions {
  readonly connectTimeoutMs?: number;
  readonly responseTimeoutMs?: number;
}

export class HttpsResetAuthority implements ResetAuthority {
  readonly #agent: Agent;
  readonly #origin: string;
  readonly #connectTimeoutMs: number;
  readonly #responseTimeoutMs: number;

  constructor(connection: CaConnection, options: HttpsResetAuthorityOptions = {}) {
    this.#origin = connection.url;
    this.#agent = new Agent({ ca: connection.trustAnchorPem, cert: connection.clientCertPem, key: connection.clientKeyPem, keepAlive: false, minVersion: 'TLSv1.2' });
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.#responseTimeoutMs = options.responseTimeoutMs ?? 15_000;
  }

  async challenge(input: ChallengeInput): Promise<ResetChallenge> {
    const body = {
      terminalId: input.terminalId,
      cardSerial: input.cardSerial,
      resetKind: input.resetKind,
      ...('certificate' in input.proving ? { provingCertificate: Buffer.from(input.proving.certificate).toString('base64') } : { provingPublicKey: Buffer.from(input.proving.publicKey).toString('base64') }),
    };
    const answer = challengeAnswerSchema.safeParse(await this.#post('challenge', body));
    if (!answer.success) throw resetAuthorityError({ kind: 'offline' }, 'x-reset/challenge: malformed answer');
    return { nonce: new Uint8Array(Buffer.from(answer.data.nonce, 'hex')), expiresAt: Date.parse(answer.data.expiresAt) };
  }

  async authorize(input: AuthorizeInput): Promise<ResetAuthorization> {
    if (input.cardChallenge.length !== cardChallengeBytes) throw resetAuthorityError({ kind: 'refused', reason: 'SELF_SERVICE_CA_REFUSED' }, 'card challenge of the wrong length');
    const body = {
      terminalId: input.terminalId,
      nonce: Buffer.from(input.nonce).toString('hex'),
      signature: Buffer.from(input.signature).toString('base64'),
      cardChallenge: Buffer.from(input.cardChallenge).toString('hex'),
      ...(input.provingCertificate === undefined ? {} : { provingCertificate: Buffer.from(input.provingCertificate).toString('base64') }),
    };
    const answer = authorizeAnswerSchema.safeParse(await this.#post('authorize', body));
    if (!answer.success) throw resetAuthorityError({ kind: 'offline' }, 'x-reset/authorize: malformed answer');
    return { issuerAuthentication: new Uint8Array(Buffer.from(answer.data.issuerAuthentication, 'hex')), reference: answer.data.reference };
  }

  close(): void {
    this.#agent.destroy();
  }

  async #post(operation: 'challenge' | 'authorize', body: unknown): Promise<unknown> {
    const offline = (why: string) => resetAuthorityError({ kind: 'offline' }, `x-reset/${operation}: ${why}`);
    const answer = await exchange({
      url: new URL(`/.well-known/est/x-reset/${operation}`, this.#origin),
      method: 'POST',
      agent: this.#agent,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: Buffer.from(JSON.stringify(body), 'utf8'),
      connectTimeoutMs: this.#connectTimeoutMs,
      responseTimeoutMs: this.#responseTimeoutMs,
      maxBodyBytes: maxAnswerBytes,
      fail: (failure) => offline(failure.kind === 'network' ? failure.error.message : failure.kind),
    });
    const codeHeader = answer.headers['ca-error-code'];
    const code = Array.isArray(codeHeader) ? codeHeader[0] : codeHeader;
    if (answer.status >= 500 || answer.status === 0 || answer.status === 408) throw offline(`status ${answer.status}`);
    if (answer.status !== 200) throw resetAuthorityError({ kind: 'refused', reason: refusalFor(code) }, `x-reset/${operation}: ${answer.status} ${code ?? ''}`);
    try {
      return JSON.parse(answer.body.toString('utf8')) as unknown;
    } catch {
      throw offline('answer is not JSON');
    }
  }
}
