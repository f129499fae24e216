/**
 * The one bounded HTTPS exchange both CA clients use, against a real TLS server on 127.0.0.1:
 * a whole answer is handed back; an answer cut off mid-way, one over the size cap and one that
 * never completes are failures of their own kind, which the caller turns into its own error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Agent, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exchange, type ExchangeFailure } from '../../../src/sync/https-exchange';
import { makeTls, type TlsMaterial } from './test-pki';

let dir: string;
let tls: TlsMaterial;
let server: Server;
let agent: Agent;
const sockets = new Set<Socket>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-exchange-'));
  tls = makeTls(dir);
  server = createServer({ key: tls.serverKeyPem, cert: tls.serverCertPem }, (req, res) => {
    if (req.url === '/whole') {
      res.writeHead(200, { 'Content-Length': '5', 'X-Seen-Length': req.headers['content-length'] ?? '' });
      res.end('hello');
    } else if (req.url === '/cut') {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('only part of it');
      setTimeout(() => req.socket.destroy(), 20);
    } else if (req.url === '/large') {
      res.writeHead(200);
      res.end(Buffer.alloc(4096, 1));
    }
    // '/silent': no answer at all.
  });
  server.on('secureConnection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  agent = new Agent({ ca: tls.caPem, keepAlive: false });
});

afterAll(async () => {
  agent.destroy();
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

function ask(path: string, body?: Buffer) {
  const failures: ExchangeFailure[] = [];
  const answer = exchange({
    url: new URL(path, `https://127.0.0.1:${(server.address() as AddressInfo).port}`),
    method: body === undefined ? 'GET' : 'POST',
    agent,
    headers: {},
    ...(body === undefined ? {} : { body }),
    connectTimeoutMs: 2_000,
    responseTimeoutMs: 1_000,
    maxBodyBytes: 1024,
    fail: (failure) => {
      failures.push(failure);
      return new Error(failure.kind);
    },
  });
  return { answer, failures };
}

test('a whole answer comes back with its status, headers and body; a body is sent with its length', async () => {
  const { answer, failures } = ask('/whole', Buffer.from('{"a":1}'));
  const whole = await answer;
  expect([whole.status, whole.body.toString(), whole.headers['x-seen-length']]).toEqual([200, 'hello', '7']);
  expect(failures).toEqual([]);
});

test.each([
  ['/cut', 'cut-off'],
  ['/large', 'too-large'],
  ['/silent', 'answer-timeout'],
])('%s fails as %s, once', async (path, kind) => {
  const { answer, failures } = ask(path);
  await expect(answer).rejects.toThrow(kind);
  expect(failures[0]?.kind).toBe(kind);
});
