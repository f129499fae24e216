/**
 * One bounded HTTPS request to the CA, shared by the EST client and the self-service reset
 * client: a deadline for the connection and one for the whole answer, a cap on the answer's
 * size, and an answer cut off in the middle told apart from a complete one. What a failure
 * means (offline, refused, a CA error code) is the caller's: it turns each `ExchangeFailure`
 * into its own coded error, and may look further first (the EST client's reset explanation).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { request, type Agent } from 'node:https';

export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export type ExchangeFailure =
  | { readonly kind: 'connect-timeout'; readonly ms: number }
  | { readonly kind: 'answer-timeout'; readonly ms: number }
  | { readonly kind: 'too-large'; readonly maxBytes: number }
  | { readonly kind: 'cut-off' }
  /** `freshlySecured`: our own new TLS handshake had finished; `answered`: the answer had begun. */
  | { readonly kind: 'network'; readonly error: NodeJS.ErrnoException; readonly freshlySecured: boolean; readonly answered: boolean };

export interface ExchangeRequest {
  readonly url: URL;
  readonly method: 'GET' | 'POST';
  readonly agent: Agent;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly connectTimeoutMs: number;
  readonly responseTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly fail: (failure: ExchangeFailure) => Error | Promise<Error>;
}

export function exchange(ask: ExchangeRequest): Promise<RawAnswer> {
  return new Promise<RawAnswer>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: { answer: RawAnswer } | { error: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(responseTimer);
      clearTimeout(connectTimer);
      if ('error' in outcome) {
        req.destroy();
        reject(outcome.error);
      } else resolve(outcome.answer);
    };
    // The first failure decides, even while the caller still looks further (an `end` or a timer
    // arriving meanwhile changes nothing).
    let failing = false;
    const failWith = (failure: ExchangeFailure) => {
      if (settled || failing) return;
      failing = true;
      const error = ask.fail(failure);
      if (error instanceof Error) settle({ error });
      else void error.then((explained) => settle({ error: explained }));
    };
    const { body } = ask;
    const req = request(ask.url, { method: ask.method, agent: ask.agent, headers: { ...ask.headers, ...(body === undefined ? {} : { 'Content-Length': String(body.length) }) } });
    const responseTimer = setTimeout(() => failWith({ kind: 'answer-timeout', ms: ask.responseTimeoutMs }), ask.responseTimeoutMs);
    const connectTimer = setTimeout(() => failWith({ kind: 'connect-timeout', ms: ask.connectTimeoutMs }), ask.connectTimeoutMs);
    let freshlySecured = false;
    let answered = false;
    req.on('socket', (socket) => {
      // A reused keep-alive socket is already connected.
      if (!socket.connecting && !socket.pending) clearTimeout(connectTimer);
      else
        socket.once('secureConnect', () => {
          freshlySecured = true;
          clearTimeout(connectTimer);
        });
    });
    req.on('error', (error: NodeJS.ErrnoException) => failWith({ kind: 'network', error, freshlySecured, answered }));
    req.on('response', (res) => {
      answered = true;
      clearTimeout(connectTimer);
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > ask.maxBodyBytes) failWith({ kind: 'too-large', maxBytes: ask.maxBodyBytes });
        else chunks.push(chunk);
      });
      res.on('end', () => {
        if (!res.complete) failWith({ kind: 'cut-off' });
        else if (!failing) settle({ answer: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) } });
      });
      res.on('aborted', () => failWith({ kind: 'cut-off' }));
      res.on('error', (error: NodeJS.ErrnoException) => failWith({ kind: 'network', error, freshlySecured, answered }));
    });
    req.end(body);
  });
}
