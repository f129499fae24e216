import { createServer, request, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { closeServer, listenOnLoopback } from '../../support/loopback';

export interface ProxyTls {
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  readonly tlsCaPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
}

/**
 * A loopback HTTPS proxy in front of the CA. For each enroll it forwards the request, waits
 * for the CA's complete answer (so the CA has committed), and then, while `dropsLeft > 0`,
 * kills the client's connection instead of answering: the lost-response case. With
 * `refuseStatus` it is a gateway that stops accepting the terminal after `refuseAfter` enrolls.
 */
export class DroppingProxy {
  dropsLeft = 0;
  dropped = 0;
  /** When set, enrolls after the first `refuseAfter` are answered with this status, not forwarded. */
  refuseStatus: 401 | 403 | undefined;
  refuseAfter = 0;
  enrolls = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly tls: ProxyTls,
    private readonly upstreamPort: number,
  ) {}

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    const server = createServer({ cert: this.tls.serverCertPem, key: this.tls.serverKeyPem }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if ((req.url ?? '').endsWith('/simpleenroll')) {
          this.enrolls += 1;
          if (this.refuseStatus !== undefined && this.enrolls > this.refuseAfter) {
            res.writeHead(this.refuseStatus, { 'Content-Type': 'text/plain', 'Content-Length': '7' });
            res.end('refused');
            return;
          }
        }
        const headers = { ...req.headers, host: `127.0.0.1:${this.upstreamPort}`, 'content-length': String(body.length) };
        const upstream = request(
          { host: '127.0.0.1', port: this.upstreamPort, method: req.method, path: req.url, headers, ca: this.tls.tlsCaPem, cert: this.tls.clientCertPem, key: this.tls.clientKeyPem, agent: false },
          (up) => {
            const answer: Buffer[] = [];
            up.on('data', (c: Buffer) => answer.push(c));
            up.on('end', () => {
              if ((req.url ?? '').endsWith('/simpleenroll') && this.dropsLeft > 0) {
                this.dropsLeft -= 1;
                this.dropped += 1;
                req.socket.destroy();
                return;
              }
              const payload = Buffer.concat(answer);
              const outHeaders = { ...up.headers, 'content-length': String(payload.length) };
              delete outHeaders['transfer-encoding'];
              res.writeHead(up.statusCode ?? 502, outHeaders);
              res.end(payload);
            });
          },
        );
        upstream.on('error', () => req.socket.destroy());
        upstream.end(body);
      });
    });
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.port = await listenOnLoopback(server);
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeServer(server, this.sockets);
  }
}
