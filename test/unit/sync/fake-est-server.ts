import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { certsOnly, issue, makeCsr, type TestCa, type TlsMaterial } from './test-pki';
import { closeServer, listenOnLoopback } from '../../support/loopback';

export type Behaviour =
  | 'ok'
  | 'status500'
  | 'status503'
  | 'status429'
  | 'status202'
  | 'status400'
  | 'status401'
  | 'status403'
  | 'status409'
  | 'status409duplicate'
  | 'status422'
  | 'garbage'
  | 'truncated'
  | 'silence'
  | 'cut'
  | 'wrongChain'
  | 'otherKey';

export interface EnrollSeen {
  readonly label: string;
  readonly idempotencyKey: string | undefined;
  readonly body: string;
}

/**
 * A real HTTPS EST endpoint on 127.0.0.1 with client-certificate checks whose answers a test
 * scripts per Idempotency-Key (`byKey`) or for everything (`fallback`). Same key → the same
 * certificate, like the real CA.
 */
export class FakeEstServer {
  readonly seen: EnrollSeen[] = [];
  readonly byKey = new Map<string, Behaviour[]>();
  fallback: Behaviour = 'ok';
  retryAfter = '3';
  private readonly issued = new Map<string, Uint8Array>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  port = 0;

  constructor(
    private readonly tls: TlsMaterial,
    private readonly ca: TestCa,
    private readonly otherCa: TestCa,
  ) {}

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  get issuedCount(): number {
    return this.issued.size;
  }

  async listen(port = 0): Promise<void> {
    const server = createServer({ key: this.tls.serverKeyPem, cert: this.tls.serverCertPem, ca: [this.tls.caPem], requestCert: true, rejectUnauthorized: true }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void this.answer(req.method ?? '', req.url ?? '', req.headers['idempotency-key'], Buffer.concat(chunks).toString('ascii'), res, req.socket);
      });
    });
    server.on('secureConnection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.port = await listenOnLoopback(server, port);
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeServer(server, this.sockets);
  }

  private async answer(method: string, url: string, key: string | string[] | undefined, body: string, res: ServerResponse, socket: Socket): Promise<void> {
    const send = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/pkcs7-mime; smime-type=certs-only', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
      res.end(text);
    };
    const match = /^\/\.well-known\/est\/([a-z-]+)\/(cacerts|simpleenroll)$/.exec(url);
    if (match === null) return send(404, 'not found');
    const label = match[1] ?? '';
    if (match[2] === 'cacerts' && method === 'GET') return send(200, Buffer.from(certsOnly([this.ca.der])).toString('base64'));
    const idempotencyKey = typeof key === 'string' ? key : undefined;
    this.seen.push({ label, idempotencyKey, body });
    const scripted = idempotencyKey === undefined ? undefined : this.byKey.get(idempotencyKey);
    const behaviour = scripted?.shift() ?? this.fallback;
    const csr = new Uint8Array(Buffer.from(body, 'base64'));
    switch (behaviour) {
      case 'ok': {
        const cacheKey = idempotencyKey ?? body;
        let cert = this.issued.get(cacheKey);
        if (cert === undefined) {
          cert = await issue(this.ca, csr);
          this.issued.set(cacheKey, cert);
        }
        return send(200, Buffer.from(certsOnly([cert, this.ca.der])).toString('base64'));
      }
      case 'status500':
        return send(500, 'boom');
      case 'status503':
        return send(503, 'overloaded', { 'Retry-After': this.retryAfter });
      case 'status429':
        return send(429, 'slow down', { 'Retry-After': this.retryAfter });
      case 'status202':
        return send(202, '', { 'Retry-After': this.retryAfter });
      case 'status400':
        return send(400, '{"code":"CSR_INVALID"}');
      case 'status401':
        return send(401, 'who are you');
      case 'status403':
        return send(403, 'not you');
      case 'status409':
        return send(409, '{"code":"IN_PROGRESS"}');
      case 'status409duplicate':
        return send(409, '{"code":"DUPLICATE_KEY","message":"a live certificate already exists for this key"}');
      case 'status422':
        return send(422, '{"code":"IDEMPOTENCY_KEY_REUSED"}');
      case 'garbage':
        return send(200, 'this is not base64 at all!!');
      case 'truncated': {
        const der = certsOnly([await issue(this.ca, csr)]);
        return send(200, Buffer.from(der.subarray(0, der.length - 40)).toString('base64'));
      }
      case 'silence':
        return;
      case 'cut':
        res.writeHead(200, { 'Content-Length': '5000' });
        res.write('MIIB');
        setTimeout(() => socket.destroy(), 20);
        return;
      case 'wrongChain':
        return send(200, Buffer.from(certsOnly([await issue(this.otherCa, csr), this.otherCa.der])).toString('base64'));
      case 'otherKey':
        return send(200, Buffer.from(certsOnly([await issue(this.ca, await makeCsr('someone else')), this.ca.der])).toString('base64'));
    }
  }
}
