import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { z } from 'zod';
import { caLabels, type CaLabel } from '../domain/vocabulary';
import { revocationReasonNames } from '../pki/crl';
import { caError, isCaError } from './errors';
import { parseJsonBody, requireMediaType } from './request-body';
import { resetAuthorizeRequestSchema, resetChallengeRequestSchema, type SelfResetService } from './self-reset';
import { emptyAnswer, isBase64ContentType, jsonAnswer, kindOfLabel, type CaAnswer, type ReferenceCaService } from './service';
import { peerIdentity, type TerminalIdentity } from './terminal-identity';

const maxBodyBytes = 64 * 1024;
/** Error messages are cut here: some EST clients read at most 8 KiB of an error body. */
const maxErrorMessageChars = 300;
/** How long a request body may take; seconds, not minutes: a stalled body holds a socket. */
export const defaultBodyTimeoutMs = 10_000;

const revokeSchema = z.object({ serial: z.string().regex(/^[0-9A-Fa-f]{1,64}$/), reason: z.enum(revocationReasonNames) }).strict();

/** Idempotency-Key: a Structured Field string (quoted) or a bare token; printable, ≤ 255 chars. */
export function parseIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw caError('CA_BAD_IDEMPOTENCY_KEY', 'Idempotency-Key sent more than once');
  const text = raw.trim();
  const value = text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
  if (!/^[\x21-\x7e]{1,255}$/.test(value) || value.includes('"')) throw caError('CA_BAD_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1–255 printable ASCII characters');
  return value;
}

/** EST bodies are base64 with optional line breaks (RFC 8951). */
export function decodeBase64Body(body: Buffer): Uint8Array {
  const compact = body.toString('latin1').replace(/[\r\n\t ]/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw caError('CA_BAD_BASE64', 'the body is not base64');
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** An audit head is three small fields: anything longer is not one. */
const maxAuditHeadBytes = 512;
const auditHeadSchema = z
  .object({ seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), mac: z.string().regex(/^[0-9a-f]{64}$/), count: z.number().int().nonnegative() })
  .strict()
  .refine((head) => head.count === head.seq, 'count must equal seq');

/** Reads a request body up to `limit` bytes within the handler's body timeout. */
type ReadBody = (req: IncomingMessage, limit?: number) => Promise<Buffer>;

function bodyReader(timeoutMs: number): ReadBody {
  return (req, limit = maxBodyBytes) => readBody(req, limit, timeoutMs);
}

function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // A slow body gets a 408 answer (then the connection closes, see `send`) instead of a bare
    // reset: a terminal must learn it was cut, not guess at a network fault.
    const timer = setTimeout(() => {
      reject(caError('CA_REQUEST_TIMEOUT', `body not received within ${timeoutMs} ms`));
      req.pause();
    }, timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        clearTimeout(timer);
        reject(caError('CA_BODY_TOO_LARGE', `body larger than ${limit} bytes`));
        req.resume();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Answers after which the rest of the request cannot be trusted to be read: close the connection. */
const closingStatuses = new Set([408, 413]);

function send(res: ServerResponse, answer: CaAnswer): void {
  // Always Content-Length, 0 included: chunked certs-only bodies read as empty in some EST clients.
  const hasBody = answer.body.length > 0;
  res.writeHead(answer.status, {
    ...(closingStatuses.has(answer.status) ? { Connection: 'close' } : {}),
    ...(hasBody && answer.contentType !== undefined ? { 'Content-Type': answer.contentType } : {}),
    'Content-Length': String(answer.body.length),
    ...(hasBody && isBase64ContentType(answer.contentType) ? { 'Content-Transfer-Encoding': 'base64' } : {}),
    ...answer.headers,
  });
  res.end(answer.body);
}

/**
 * Errors are short JSON `{code, message}` with the code also in `Ca-Error-Code`. A 404 has no
 * body: EST clients take it as "not offered" (csrattrs, RFC 7030 §4.5.2) and close unread.
 */
export function errorAnswer(error: unknown): CaAnswer {
  const code = isCaError(error) ? error.code : 'CA_INTERNAL';
  const status = isCaError(error) ? (error.facts.httpStatus ?? 500) : 500;
  const headers = { 'Ca-Error-Code': code };
  if (status === 404) return emptyAnswer(status, headers);
  const full = isCaError(error) ? error.message : 'internal error';
  const chars = Array.from(full);
  const message = chars.length > maxErrorMessageChars ? `${chars.slice(0, maxErrorMessageChars - 1).join('')}…` : full;
  return { ...jsonAnswer(status, { code, message }), headers };
}

const resetPath = /^\/\.well-known\/est\/x-reset\/(challenge|authorize)$/;
const estPath = /^\/\.well-known\/est\/([a-z0-9-]+)\/([a-z-]+)$/;
const crlPath = /^\/crl\/([a-z0-9-]+)\.crl$/;

function label(text: string): CaLabel {
  const kind = kindOfLabel(text);
  if (kind === undefined) throw caError('CA_NOT_FOUND', `unknown CA label ${text}`);
  return caLabels[kind];
}

/** RFC 7030 §4.2.1: a simpleenroll body is `application/pkcs10`; anything else is 415. */
export function requirePkcs10(contentType: string | undefined): void {
  requireMediaType(contentType, 'application/pkcs10', 'simpleenroll');
}

function requireMethod(req: IncomingMessage, method: 'GET' | 'POST'): void {
  if (req.method !== method) throw caError('CA_METHOD_NOT_ALLOWED', `use ${method}`);
}

/** `POST /.well-known/est/x-audit-head`: an extension a plain EST server ignores (404). */
async function auditHead(service: ReferenceCaService, req: IncomingMessage, terminalId: string, readBody: ReadBody): Promise<CaAnswer> {
  requireMethod(req, 'POST');
  requireMediaType(req.headers['content-type'], 'application/json', 'x-audit-head');
  const head = parseJsonBody(await readBody(req, maxAuditHeadBytes), auditHeadSchema, () => 'expected {seq: integer, mac: 64 hex digits, count: seq}');
  return jsonAnswer(200, service.recordAuditHead(terminalId, head));
}

/** The client certificate's SHA-256 fingerprint: the terminal, as TLS proved it. */
function terminalOf(req: IncomingMessage): string {
  const socket = req.socket as Partial<TLSSocket>;
  const fingerprint = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate().fingerprint256 : undefined;
  if (typeof fingerprint !== 'string' || fingerprint === '') throw caError('CA_FORBIDDEN', 'a client certificate is required');
  return fingerprint;
}

async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>, what: string, readBody: ReadBody): Promise<T> {
  requireMediaType(req.headers['content-type'], 'application/json', what);
  return parseJsonBody(await readBody(req), schema, (error) => `${what}: ${error.issues[0]?.path.join('.') ?? ''} ${error.issues[0]?.message ?? ''}`.trim());
}

async function routeReset(selfReset: SelfResetService | undefined, req: IncomingMessage, operation: string, readBody: ReadBody): Promise<CaAnswer> {
  requireMethod(req, 'POST');
  if (selfReset === undefined) throw caError('CA_RESET_NOT_OFFERED', 'this CA does not authorise resets');
  const terminal = terminalOf(req);
  if (operation === 'challenge') return jsonAnswer(200, selfReset.challenge(await readJson(req, resetChallengeRequestSchema, 'x-reset/challenge', readBody), terminal));
  return jsonAnswer(200, await selfReset.authorize(await readJson(req, resetAuthorizeRequestSchema, 'x-reset/authorize', readBody), terminal));
}

async function route(
  service: ReferenceCaService,
  req: IncomingMessage,
  identify: (req: IncomingMessage) => TerminalIdentity,
  selfReset: SelfResetService | undefined,
  readBody: ReadBody,
): Promise<CaAnswer> {
  const url = new URL(req.url ?? '/', 'https://ca.invalid');
  // The terminal id comes from the authenticated client certificate, never from the body.
  if (url.pathname === '/.well-known/est/x-audit-head') return auditHead(service, req, identify(req).terminalId, readBody);
  if (url.pathname === '/.well-known/est/x-card') {
    requireMethod(req, 'GET');
    const serial = url.searchParams.get('serial') ?? '';
    if (!/^\d{15}$/.test(serial)) throw caError('CA_BAD_REQUEST', 'serial must be the 15-digit card serial');
    return service.cardRecordsAnswer(serial, identify(req));
  }
  const reset = resetPath.exec(url.pathname);
  if (reset !== null) return routeReset(selfReset, req, reset[1] ?? '', readBody);
  const est = estPath.exec(url.pathname);
  if (est !== null) {
    const client = identify(req);
    const caLabel = label(est[1] ?? '');
    switch (est[2]) {
      case 'cacerts':
        requireMethod(req, 'GET');
        return service.cacerts(caLabel);
      case 'csrattrs':
        requireMethod(req, 'GET');
        return service.csrattrs(caLabel);
      case 'simpleenroll': {
        requireMethod(req, 'POST');
        requirePkcs10(req.headers['content-type']);
        const key = parseIdempotencyKey(req.headers['idempotency-key']);
        const csrDer = decodeBase64Body(await readBody(req));
        return await service.enroll(caLabel, csrDer, key, client);
      }
      case 'x-certs': {
        requireMethod(req, 'GET');
        const spki = url.searchParams.get('spki') ?? '';
        if (!/^[0-9a-f]{64}$/.test(spki)) throw caError('CA_BAD_REQUEST', 'spki must be 64 lower-case hex digits');
        const format = url.searchParams.get('format') === 'json' ? 'json' : 'pkcs7';
        return service.certsForKeyAnswer(caLabel, spki, format, client);
      }
      case 'x-revoke': {
        requireMethod(req, 'POST');
        const { serial, reason } = parseJsonBody(await readBody(req), revokeSchema, () => `expected {serial: hex, reason: ${revocationReasonNames.join('|')}}`);
        return jsonAnswer(200, service.revokeFor(caLabel, serial, reason, client));
      }
      default:
        throw caError('CA_NOT_FOUND', `unknown EST operation ${est[2] ?? ''}`);
    }
  }
  const crl = crlPath.exec(url.pathname);
  if (crl !== null) {
    requireMethod(req, 'GET');
    return { status: 200, contentType: 'application/pkix-crl', body: Buffer.from(service.crl(label(crl[1] ?? ''))) };
  }
  throw caError('CA_NOT_FOUND', 'no such resource');
}

/**
 * One request → one answer; every failure becomes an `errorAnswer` and never a crash. The
 * terminal's identity comes from its verified client certificate (`identify` is replaceable
 * for in-process tests that have no socket); `selfReset` offers the x-reset endpoints.
 */
export function caRequestHandler(
  service: ReferenceCaService,
  options: {
    readonly identify?: (req: IncomingMessage) => TerminalIdentity;
    readonly selfReset?: SelfResetService;
    /** A body that stops arriving is answered 408 after this long (default `defaultBodyTimeoutMs`). */
    readonly bodyTimeoutMs?: number;
  } = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const identify = options.identify ?? peerIdentity;
  const readBody = bodyReader(options.bodyTimeoutMs ?? defaultBodyTimeoutMs);
  return (req, res) => {
    route(service, req, identify, options.selfReset, readBody)
      .catch(errorAnswer)
      .then((answer) => {
        if (!res.headersSent && !res.destroyed) send(res, answer);
      })
      .catch(() => res.destroy());
  };
}
