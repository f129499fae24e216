/**
 * The browser shell (docs/design.md §3): the host's contract and the built renderer over HTTP on
 * 127.0.0.1 only. `POST /api/<channel>` answers the envelope of `dispatch`; `GET /api/events`
 * streams every event as Server-Sent Events. A random per-launch token guards both; the Host and
 * Origin checks keep other sites out through DNS rebinding. A browser is let in by
 * `GET /bootstrap?code=…`: a one-time code exchanged for the token as an HttpOnly, SameSite=Strict
 * cookie, so the token is never on a command line, in a printed URL or in a browser's history.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { eventNames, type Handlers } from '../../api/contract';
import { dispatch } from '../../api/dispatch';
import type { ErrorCode, Result } from '../../api/errors';
import type { HostEvents } from '../../flows/events';
import { decodeSecretFrame, maxSecretFrameBytes, type DecodedFrame, secretBytes, secretFieldsOf } from '../../api/secret-frame';
import { channelOfPath, isFrameContentType, isHostAllowed, isJsonContentType, isOriginAllowed, isTokenValid, newToken, sessionCookie, tokenFromCookie, tokenHeader } from './guard';
import { readStatic, securityHeaders } from './static-files';
import { SseHub } from './sse';

export const maxBodyBytes = 64 * 1024;

export interface BrowserShellOptions {
  readonly handlers: Handlers;
  readonly events: HostEvents;
  /** Vite's output (index.html + assets). */
  readonly rendererDir: string;
  /** 0 (default) for an ephemeral port. */
  readonly port?: number;
  readonly maxEventClients?: number;
  readonly keepAliveMs?: number;
}

/** Codes handed out but not yet used; more is a caller asking in a loop, and the oldest go. */
const maxOpenCodes = 8;

export interface BrowserShell {
  readonly port: number;
  /** For this process only (tests, in-process clients): never printed, never on a command line. */
  readonly token: string;
  /** A new one-time URL for a browser: it works once, then the browser holds the cookie. */
  bootstrapUrl(): string;
  close(): Promise<void>;
}

function refusal(code: ErrorCode, field?: string): Result<never> {
  return { ok: false, error: { code, retryable: false, details: field === undefined ? {} : { field } } };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

type BodyResult = { readonly ok: true; readonly body: Uint8Array } | { readonly ok: false; readonly status: number; readonly field: string };

/**
 * The whole body in one buffer outside the JavaScript heap, of at most `limit` bytes. Every
 * chunk Node handed over is zeroed once copied: the body may be a secret frame, which the caller
 * zeroes when the request is answered.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const body = secretBytes(limit);
    let size = 0;
    let isDone = false;
    const finish = (result: BodyResult) => {
      if (isDone) return;
      isDone = true;
      if (!result.ok) body.fill(0);
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (!isDone && size + chunk.length <= limit) body.set(chunk, size);
      else if (!isDone) {
        finish({ ok: false, status: 413, field: 'body' });
        req.resume();
      }
      size += chunk.length;
      chunk.fill(0);
    });
    req.on('error', () => finish({ ok: false, status: 400, field: 'body' }));
    req.on('end', () => finish({ ok: true, body: body.subarray(0, size) }));
  });
}

/** A JSON body (no secret travels this way: a secret channel refuses JSON before reading it). */
function parseJson(body: Uint8Array): DecodedFrame {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as Record<string, unknown> };
  } catch {
    return { ok: false, field: 'body' };
  }
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const token = newToken();
  /** One-time bootstrap codes not yet exchanged, oldest first. */
  const openCodes: string[] = [];
  const isAuthorized = (req: http.IncomingMessage, url: URL, allowQuery: boolean): boolean =>
    isTokenValid(token, req.headers[tokenHeader]) || isTokenValid(token, tokenFromCookie(req.headers.cookie, port)) || (allowQuery && isTokenValid(token, url.searchParams.get('token')));
  /** Spends the code if it is open: true once, false ever after. */
  const spendCode = (given: string | null): boolean => {
    const at = openCodes.findIndex((code) => isTokenValid(code, given));
    if (at < 0) return false;
    openCodes.splice(at, 1);
    return true;
  };
  const server = http.createServer();
  let port = 0;
  const hub = new SseHub(options.events, eventNames, options.maxEventClients ?? 8, options.keepAliveMs ?? 15_000);
  let isClosing = false;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!isHostAllowed(req.headers.host, port) || !isOriginAllowed(req.headers.origin, port)) {
      sendJson(res, 403, refusal('API_UNAUTHORIZED'));
      return;
    }
    if (url.pathname === '/bootstrap') {
      if (req.method !== 'GET') return sendJson(res, 405, refusal('API_BAD_REQUEST'));
      // 303 to the page: the spent code stays behind in history, the token goes only into the cookie.
      // A spent or wrong code (the link opened twice, from history) gets the page without a cookie:
      // a browser that holds the cookie already goes on, any other is told it is not connected
      // and what to do, instead of a bare refusal.
      const cookie = spendCode(url.searchParams.get('code')) ? { 'Set-Cookie': sessionCookie(port, token) } : {};
      res.writeHead(303, { ...securityHeaders, Location: '/', ...cookie, 'Cache-Control': 'no-store', 'Content-Length': 0 });
      res.end();
      return;
    }
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return sendJson(res, 405, refusal('API_BAD_REQUEST'));
      if (!isAuthorized(req, url, true)) return sendJson(res, 401, refusal('API_UNAUTHORIZED'));
      if (isClosing) return sendJson(res, 503, refusal('API_SHUTTING_DOWN'));
      if (!hub.accept(req, res)) sendJson(res, 429, { ok: false, error: { code: 'TERMINAL_BUSY', retryable: true, details: {} } });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, refusal('API_BAD_REQUEST'));
      if (!isAuthorized(req, url, false)) return sendJson(res, 401, refusal('API_UNAUTHORIZED'));
      const channel = channelOfPath(url.pathname) ?? '';
      // A channel with a secret takes only the binary frame: its JSON would be a string with the secret in it.
      const isSecret = secretFieldsOf(channel).length > 0;
      if (isSecret ? !isFrameContentType(req.headers['content-type']) : !isJsonContentType(req.headers['content-type'])) return sendJson(res, 415, refusal('API_BAD_REQUEST', 'content-type'));
      if (isClosing) return sendJson(res, 503, { ok: false, error: { code: 'API_SHUTTING_DOWN', retryable: true, details: {} } });
      const limit = isSecret ? maxSecretFrameBytes : maxBodyBytes;
      if (Number(req.headers['content-length'] ?? 0) > limit) return sendJson(res, 413, refusal('API_BAD_REQUEST', 'body'));
      const read = await readBody(req, limit);
      if (!read.ok) return sendJson(res, read.status, refusal('API_BAD_REQUEST', read.field));
      try {
        const request: DecodedFrame = isSecret ? decodeSecretFrame(channel, read.body) : parseJson(read.body);
        if (!request.ok) return sendJson(res, 400, refusal('API_BAD_REQUEST', request.field));
        // An unknown channel is the contract's answer (API_UNKNOWN_CHANNEL), like any other.
        sendJson(res, 200, await dispatch(options.handlers, channel, request.value));
      } finally {
        // The secrets in a frame are views of it: this zeroes them all.
        read.body.fill(0);
      }
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, refusal('API_BAD_REQUEST'));
    const file = await readStatic(options.rendererDir, url.pathname);
    if (file === undefined) return sendJson(res, 404, refusal('API_BAD_REQUEST', 'path'));
    res.writeHead(200, { ...securityHeaders, ...file.headers, 'Content-Length': file.body.length });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  server.on('request', (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, refusal('INTERNAL'));
      else res.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    // Left alone, Node's HTTP parser reads every socket into one static native buffer that is
    // never cleared, so a secret frame would stay there until a longer request overwrote it. A
    // 'data' listener of our own makes the parser take each read as a JavaScript buffer instead
    // (its own listener, registered first, has parsed it by now): zeroed here, nothing is left.
    socket.on('data', (chunk: Buffer) => chunk.fill(0));
  });
  // Slow or silent clients must not hold sockets for ever (the SSE stream is exempt, see SseHub).
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address: string | AddressInfo | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('the browser shell is not listening on TCP');
  port = address.port;

  return {
    port,
    token,
    bootstrapUrl() {
      const code = newToken();
      openCodes.push(code);
      if (openCodes.length > maxOpenCodes) openCodes.shift();
      return `http://127.0.0.1:${port}/bootstrap?code=${code}`;
    },
    async close() {
      isClosing = true;
      hub.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
