import { Agent } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { connect } from 'node:tls';
import { z } from 'zod';
import { certificateKinds, type CaLabel } from '../domain/vocabulary';
import { csrSpkiSha256, decodeBase64Body, issuedCertificateFrom, parseCertsOnly, selectIssuedCertificate, type ParsedCertificate } from './certs-only';
import type { AuditHeadAnswer, AuditHeadMessage } from './audit-head';
import { classifyStatus, estError, type EstError, parseRetryAfter } from './est-errors';
import { exchange, type RawAnswer } from './https-exchange';

export interface EstClientOptions {
  /** Origin of the CA, e.g. `https://127.0.0.1:8443`; EST paths are appended. */
  readonly url: string;
  /** The only trust anchor for the CA's TLS certificate (the system store is not used). */
  readonly trustAnchorPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
  readonly connectTimeoutMs?: number;
  readonly responseTimeoutMs?: number;
  readonly maxSockets?: number;
  readonly maxBodyBytes?: number;
  readonly now?: () => number;
}

export type EnrollResult =
  | { readonly status: 'issued'; readonly responseDer: Uint8Array; readonly certificate: ParsedCertificate }
  | { readonly status: 'pending'; readonly retryAfterMs: number | undefined };

const originSchema = z.url({ protocol: /^https$/ });

/** EST (RFC 7030) client with the terminal's client certificate and a pinned CA. */
const cardRecordsSchema = z
  .object({
    certificates: z
      .array(
        z
          .object({
            kind: z.enum(certificateKinds),
            serial: z.string().regex(/^[0-9A-F]{1,40}$/),
            spkiSha256: z.string().regex(/^[0-9a-f]{64}$/),
            notBefore: z.iso.datetime(),
            notAfter: z.iso.datetime(),
            issuedAt: z.iso.datetime(),
            status: z.enum(['valid', 'revoked', 'expired']),
            revokedAt: z.iso.datetime().nullable(),
            reason: z.string().max(40).nullable(),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();
export type CaCardRecord = z.infer<typeof cardRecordsSchema>['certificates'][number];

export class EstClient {
  private readonly agent: Agent;
  private readonly origin: string;
  private readonly issuerCache = new Map<CaLabel, Promise<ParsedCertificate[]>>();
  private readonly now: () => number;

  constructor(private readonly options: EstClientOptions) {
    const parsed = originSchema.safeParse(options.url);
    if (!parsed.success) throw estError('EST_CONFIG', 'CA url must be https://host[:port]');
    this.origin = parsed.data.replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.agent = new Agent({
      ca: [options.trustAnchorPem],
      cert: options.clientCertPem,
      key: options.clientKeyPem,
      keepAlive: true,
      maxSockets: options.maxSockets ?? 8,
      minVersion: 'TLSv1.2',
    });
  }

  close(): void {
    this.agent.destroy();
  }

  /** The CA certificates for a label (RFC 7030 §4.1). */
  async cacerts(label: CaLabel): Promise<ParsedCertificate[]> {
    const res = await this.send('GET', `/.well-known/est/${label}/cacerts`);
    if (res.status !== 200) throw classifyStatus(res.status, res.body.toString('utf8'), parseRetryAfter(header(res.headers, 'retry-after'), this.now()), header(res.headers, 'ca-error-code'));
    return parseCertsOnly(decodeBase64Body(res.body.toString('latin1')));
  }

  /** Cached per client: the pinned TLS channel is what makes these trustworthy. */
  issuers(label: CaLabel): Promise<ParsedCertificate[]> {
    let cached = this.issuerCache.get(label);
    if (cached === undefined) {
      cached = this.cacerts(label);
      cached.catch(() => this.issuerCache.delete(label));
      this.issuerCache.set(label, cached);
    }
    return cached;
  }

  /**
   * `simpleenroll` with `Idempotency-Key`; the same key and the same bytes are sent on every
   * attempt so the CA can replay its first answer.
   */
  async simpleEnroll(label: CaLabel, csrDer: Uint8Array, idempotencyKey: string): Promise<EnrollResult> {
    let expectedSpki: string;
    try {
      expectedSpki = csrSpkiSha256(csrDer);
    } catch {
      throw estError('EST_BAD_REQUEST', 'the queued CSR cannot be parsed');
    }
    const body = Buffer.from(Buffer.from(csrDer).toString('base64'), 'ascii');
    const res = await this.send('POST', `/.well-known/est/${label}/simpleenroll`, body, {
      'Content-Type': 'application/pkcs10',
      'Content-Transfer-Encoding': 'base64',
      'Idempotency-Key': idempotencyKey,
    });
    const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'), this.now());
    if (res.status === 202) return { status: 'pending', retryAfterMs };
    if (res.status !== 200 && res.status !== 201) throw classifyStatus(res.status, res.body.toString('utf8'), retryAfterMs, header(res.headers, 'ca-error-code'));
    const responseDer = decodeBase64Body(res.body.toString('latin1'));
    const certificate = await issuedCertificateFrom(responseDer, expectedSpki, await this.issuers(label));
    return { status: 'issued', responseDer, certificate };
  }

  /** Certificates the CA issued for a card key (pick-up at another terminal). */
  async certsForSpki(label: CaLabel, spkiSha256: string): Promise<ParsedCertificate[]> {
    if (!/^[0-9a-f]{64}$/.test(spkiSha256)) throw estError('EST_CONFIG', 'spki hash must be 64 lower-case hex digits');
    const res = await this.send('GET', `/.well-known/est/${label}/x-certs?spki=${spkiSha256}`);
    if (res.status === 404) return [];
    if (res.status !== 200) throw classifyStatus(res.status, res.body.toString('utf8'), parseRetryAfter(header(res.headers, 'retry-after'), this.now()), header(res.headers, 'ca-error-code'));
    const text = res.body.toString('utf8').trim();
    // The CA may answer an empty list as an empty body rather than an empty PKCS#7.
    if (text.length === 0) return [];
    const certs = parseCertsOnly(decodeBase64Body(text), { allowEmpty: true });
    const issuers = await this.issuers(label);
    return Promise.all(certs.filter((c) => c.spkiSha256 === spkiSha256).map((c) => selectIssuedCertificate([c], spkiSha256, issuers)));
  }

  /** What the CA holds for a card serial (`x-card`): every certificate it issued for that card, with its status. */
  async cardRecords(cardSerial: string): Promise<CaCardRecord[]> {
    if (!/^\d{15}$/.test(cardSerial)) throw estError('EST_CONFIG', 'a card serial is 15 digits');
    const res = await this.send('GET', `/.well-known/est/x-card?serial=${cardSerial}`);
    if (res.status !== 200) throw classifyStatus(res.status, res.body.toString('utf8'), parseRetryAfter(header(res.headers, 'retry-after'), this.now()), header(res.headers, 'ca-error-code'));
    let json: unknown;
    try {
      json = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw estError('EST_BAD_RESPONSE', 'x-card: the answer is not JSON');
    }
    const parsed = cardRecordsSchema.safeParse(json);
    if (!parsed.success) throw estError('EST_BAD_RESPONSE', 'x-card: malformed answer');
    return parsed.data.certificates;
  }

  async revoke(label: CaLabel, revocation: { readonly serial: string; readonly reason: string }): Promise<void> {
    const body = Buffer.from(JSON.stringify(revocation), 'utf8');
    const res = await this.send('POST', `/.well-known/est/${label}/x-revoke`, body, { 'Content-Type': 'application/json' });
    if (res.status < 200 || res.status > 299) throw classifyStatus(res.status, res.body.toString('utf8'), parseRetryAfter(header(res.headers, 'retry-after'), this.now()), header(res.headers, 'ca-error-code'));
  }

  /**
   * The audit-log head for the CA's record (docs/design.md §5). Answers the CA's verdict; only a
   * failure to reach the CA throws.
   */
  async sendAuditHead(head: AuditHeadMessage): Promise<AuditHeadAnswer> {
    const body = Buffer.from(JSON.stringify(head), 'utf8');
    const res = await this.send('POST', '/.well-known/est/x-audit-head', body, { 'Content-Type': 'application/json', Accept: 'application/json' });
    if (res.status === 200) return { kind: 'recorded' };
    return { kind: 'refused', httpStatus: res.status, caErrorCode: header(res.headers, 'ca-error-code') ?? null };
  }

  private send(method: 'GET' | 'POST', path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<RawAnswer> {
    const connectTimeoutMs = this.options.connectTimeoutMs ?? 5000;
    const url = new URL(path, `${this.origin}/`);
    return exchange({
      url,
      method,
      agent: this.agent,
      headers: { Accept: 'application/pkcs7-mime', ...headers },
      ...(body === undefined ? {} : { body }),
      connectTimeoutMs,
      responseTimeoutMs: this.options.responseTimeoutMs ?? 30000,
      maxBodyBytes: this.options.maxBodyBytes ?? 1024 * 1024,
      fail: (failure) => {
        switch (failure.kind) {
          case 'connect-timeout':
            return estError('EST_TIMEOUT', `no connection within ${failure.ms} ms`);
          case 'answer-timeout':
            return estError('EST_TIMEOUT', `no complete answer within ${failure.ms} ms`);
          case 'too-large':
            return estError('EST_BAD_RESPONSE', `answer larger than ${failure.maxBytes} bytes`);
          case 'cut-off':
            return estError('EST_BAD_RESPONSE', 'answer cut off');
          case 'network': {
            // A reset right after our own fresh handshake, before any answer, may be the CA
            // refusing our client certificate (see `explainReset`).
            const isReset = failure.error.code === 'ECONNRESET' || failure.error.code === 'EPIPE';
            if (!isReset || !failure.freshlySecured || failure.answered) return networkError(failure.error);
            return this.explainReset(url, connectTimeoutMs).then((explained) => explained ?? networkError(failure.error));
          }
        }
      },
    });
  }
  /**
   * TLS 1.3 lets a client finish its handshake before the server has checked the client
   * certificate; a server that refuses it (expired, unknown issuer) then only closes, which
   * reads like a network reset. One more handshake that waits for the server's session ticket
   * tells them apart: a server that accepted us sends one, a server that refused us closes.
   * undefined: nothing to add (the reset stands as a network failure).
   */
  private explainReset(url: URL, timeoutMs: number): Promise<EstError | undefined> {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return new Promise((resolve) => {
      let isSecured = false;
      const done = (value: EstError | undefined) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(value);
      };
      const socket = connect({
        host,
        port: Number(url.port || 443),
        ...(isIP(host) === 0 ? { servername: host } : {}),
        ca: [this.options.trustAnchorPem],
        cert: this.options.clientCertPem,
        key: this.options.clientKeyPem,
        minVersion: 'TLSv1.2',
      });
      const timer = setTimeout(() => done(undefined), timeoutMs);
      socket.once('secureConnect', () => {
        isSecured = true;
        // TLS 1.2 checks the client certificate inside the handshake: it was accepted.
        if (socket.getProtocol() !== 'TLSv1.3') done(undefined);
      });
      socket.once('session', () => done(undefined));
      socket.once('error', (error: NodeJS.ErrnoException) => done(isSecured ? refusedClientCertificate(error.code) : networkError(error)));
      socket.once('close', () => done(isSecured ? refusedClientCertificate(undefined) : undefined));
    });
  }
}

function refusedClientCertificate(code: string | undefined): EstError {
  return estError('EST_TLS', `the CA closed the connection after the handshake${code === undefined ? '' : ` (${code})`}: client certificate refused`);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The CA's certificate did not verify against the pinned anchor (or its name): a trust failure. */
const trustCodes = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS_CERT_ALTNAME|HOSTNAME_MISMATCH)/;
/** The handshake itself failed: protocol, cipher, or the CA's alert about our certificate. */
const tlsCodes = /^(ERR_TLS|ERR_SSL|ERR_OSSL)/;

/** A socket-level failure (no HTTP answer) as a typed error; exported for the scope table test. */
export function networkError(error: NodeJS.ErrnoException): EstError {
  const code = error.code ?? '';
  if (trustCodes.test(code)) return estError('EST_TRUST', `${code}: ${error.message}`);
  if (tlsCodes.test(code)) return estError('EST_TLS', `${code}: ${error.message}`);
  if (code === 'ETIMEDOUT') return estError('EST_TIMEOUT', code);
  if (code === 'ECONNRESET' || code === 'EPIPE') return estError('EST_NETWORK', `connection lost (${code})`);
  return estError('EST_NETWORK', `${code || 'error'}: ${error.message}`);
}
