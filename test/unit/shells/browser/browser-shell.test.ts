import * as fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayloads, Handlers, SessionInfo } from '../../../../src/api/contract';
import { hostError } from '../../../../src/api/errors';
import { encodeSecretFrame, secretFieldsOf } from '../../../../src/api/secret-frame';
import { startBrowserShell, type BrowserShell } from '../../../../src/shells/browser/server';
import type { HostEvents } from '../../../../src/flows/events';
import { fixtures } from '../../api/visit-fixtures';

const session: SessionInfo = {
  terminal: { terminalId: 't1', mode: 'counter', municipalityCode: '21213', municipalityName: '各務原市', training: true },
  clerks: [{ id: 'c01', name: 'Clerk' }],
  clerk: null,
  timeouts: { applicantIdleMs: 90_000, applicantWarningMs: 30_000, clerkIdleMs: 600_000 },
};

/** The clerk PINs the handler saw while it ran (the shell zeroes the bytes afterwards). */
const seenPins: string[] = [];

/** Handlers that answer from fixtures; `received` shows what passed the schema. */
function fakeHandlers(received: unknown[]): Handlers {
  const notHere = () => Promise.reject(hostError('CLERK_NOT_SIGNED_IN', 'fake'));
  return {
    'session.get': () => Promise.resolve(session),
    'clerk.signIn': (request) => {
      received.push(request);
      seenPins.push(Buffer.from(request.pin).toString('latin1'));
      return Promise.resolve(session);
    },
    'clerk.signOut': notHere,
    'visit.get': () => Promise.resolve(fixtures.awaitingCard),
    'visit.send': notHere,
    'visit.cardInfoPin': notHere,
    'visit.passwords': notHere,
    'visit.changePassword': notHere,
    'readers.list': () => Promise.resolve([]),
    'queue.status': notHere,
    'queue.list': notHere,
    'queue.retry': notHere,
    'queue.syncNow': notHere,
    'queue.acknowledge': notHere,
    'receipt.get': notHere,
    'report.day': notHere,
    'visits.find': notHere,
    'visits.get': notHere,
    'visits.reprint': notHere,
    'print.document': notHere,
    'training.get': notHere,
    'training.insertCard': notHere,
    'training.removeCard': notHere,
    'training.ca': notHere,
    'training.setCaReachable': notHere,
    'selfService.get': notHere,
    'selfService.send': notHere,
    'selfService.provingPassword': notHere,
    'selfService.newPassword': notHere,
    'selfService.changePassword': notHere,
  };
}

function fakeEvents(): HostEvents & { emit<E extends EventName>(name: E, payload: EventPayloads[E]): void } {
  const listeners: { [E in EventName]: Set<(payload: EventPayloads[E]) => void> } = { visit: new Set(), sync: new Set(), readers: new Set(), session: new Set(), training: new Set(), selfService: new Set() };
  const values: EventPayloads = {
    visit: fixtures.signedOut,
    sync: { running: true, depth: 0, failedPermanent: 0, oldestPendingAgeMs: null, lastSuccessAt: null, caReachable: null, lastError: null, terminalError: null },
    readers: [],
    session,
    training: { residents: [], slots: [] },
    selfService: { step: 'welcome', notice: null },
  };
  return {
    snapshot: (name) => values[name],
    on(name, listener) {
      const set = listeners[name];
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit(name, payload) {
      for (const listener of listeners[name]) listener(payload);
    },
  };
}

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.end(options.body);
  });
}

/** Reads an SSE stream until `count` events arrived (bounded by a timeout), then leaves it open for the caller. */
function openEvents(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; events: () => { name: string; data: unknown }[]; waitFor: (n: number) => Promise<void>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      let text = '';
      const waiters: (() => void)[] = [];
      const parse = () =>
        text
          .split('\n\n')
          .filter((block) => block.startsWith('event: '))
          .map((block) => {
            const [nameLine = '', dataLine = ''] = block.split('\n');
            return { name: nameLine.slice('event: '.length), data: JSON.parse(dataLine.slice('data: '.length)) as unknown };
          });
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        for (const waiter of waiters.splice(0)) waiter();
      });
      resolve({
        status: res.statusCode ?? 0,
        events: parse,
        waitFor: async (n) => {
          for (let i = 0; i < 100 && parse().length < n; i += 1) await new Promise<void>((r) => waiters.push(r));
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

describe('browser shell HTTP edge', () => {
  let shell: BrowserShell;
  let root: string;
  let rendererDir: string;
  let events: ReturnType<typeof fakeEvents>;
  const received: unknown[] = [];
  const post = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    request(shell.port, { method: 'POST', path: `/api/${channel}`, headers: { 'Content-Type': 'application/json', 'X-Madoguchi-Token': shell.token, ...headers }, body: JSON.stringify(body) });
  /** A request as the renderer sends one with a secret: the binary frame of src/api/secret-frame.ts. */
  const postFrame = (channel: string, body: Record<string, unknown>, contentType = 'application/octet-stream') => {
    const frame = secretFieldsOf(channel).length > 0 ? Buffer.from(encodeSecretFrame(channel, body)) : Buffer.from([1, 0, 2, 0x7b, 0x7d, 0]);
    return request(shell.port, { method: 'POST', path: `/api/${channel}`, headers: { 'Content-Type': contentType, 'X-Madoguchi-Token': shell.token }, body: frame });
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'madoguchi-shell-'));
    rendererDir = join(root, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>madoguchi</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
    events = fakeEvents();
    shell = await startBrowserShell({ handlers: fakeHandlers(received), events, rendererDir, maxEventClients: 2, keepAliveMs: 60_000 });
  });
  afterAll(async () => {
    await shell.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('the token is 32 random bytes in hex and is never in a URL: a browser gets a one-time code instead', () => {
    expect(shell.token).toMatch(/^[0-9a-f]{64}$/);
    const url = shell.bootstrapUrl();
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${shell.port}/bootstrap\\?code=[0-9a-f]{64}$`));
    expect(url).not.toContain(shell.token);
    expect(shell.bootstrapUrl()).not.toBe(url);
  });

  test('the bootstrap code works once: an HttpOnly, SameSite=Strict cookie that opens the contract and the events; a second use gets the page without it', async () => {
    const bootstrap = new URL(shell.bootstrapUrl());
    const path = bootstrap.pathname + bootstrap.search;
    const first = await request(shell.port, { path });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['cache-control']).toBe('no-store');
    const cookie = first.headers['set-cookie']?.[0] ?? '';
    expect(cookie.split(';').map((part) => part.trim())).toEqual([`madoguchi_${shell.port}=${shell.token}`, 'HttpOnly', 'SameSite=Strict', 'Path=/']);
    // A second use, a wrong code or none: the page, which says it is not connected — no cookie.
    for (const refused of [path, '/bootstrap?code=' + '0'.repeat(64), '/bootstrap']) {
      const again = await request(shell.port, { path: refused });
      expect([again.status, again.headers.location]).toEqual([303, '/']);
      expect(again.headers['set-cookie']).toBeUndefined();
    }

    // The cookie alone authorises, as the page uses it (no token header, no token in the URL).
    const jar = cookie.split(';')[0] ?? '';
    const call = await request(shell.port, { method: 'POST', path: '/api/session.get', headers: { 'Content-Type': 'application/json', Cookie: jar }, body: '{}' });
    expect(call.status).toBe(200);
    const stream = await openEvents(shell.port, '/api/events', { Cookie: jar });
    expect(stream.status).toBe(200);
    stream.close();
    // A wrong cookie, or ours twice (one planted beside it), is refused.
    const wrong = await request(shell.port, { method: 'POST', path: '/api/session.get', headers: { 'Content-Type': 'application/json', Cookie: `madoguchi_${shell.port}=${'0'.repeat(64)}` }, body: '{}' });
    expect(wrong.status).toBe(401);
    const doubled = await request(shell.port, { method: 'POST', path: '/api/session.get', headers: { 'Content-Type': 'application/json', Cookie: `${jar}; madoguchi_${shell.port}=${'0'.repeat(64)}` }, body: '{}' });
    expect(doubled.status).toBe(401);
    // The Host and Origin checks hold for the bootstrap and for a cookie-borne call alike.
    const rebound = new URL(shell.bootstrapUrl());
    expect((await request(shell.port, { path: rebound.pathname + rebound.search, headers: { Host: `evil.example:${shell.port}` } })).status).toBe(403);
    const foreign = await request(shell.port, { method: 'POST', path: '/api/session.get', headers: { 'Content-Type': 'application/json', Cookie: jar, Origin: 'http://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
  });

  test('a call with the token answers the envelope', async () => {
    const answer = await post('session.get', {});
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, value: session });
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  test.each([
    ['missing', {}],
    ['wrong', { 'X-Madoguchi-Token': 'a'.repeat(64) }],
    ['short', { 'X-Madoguchi-Token': 'abc' }],
  ])('a %s token is refused with API_UNAUTHORIZED', async (_name, headers) => {
    const answer = await request(shell.port, { method: 'POST', path: '/api/session.get', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'API_UNAUTHORIZED' } });
  });

  test.each([
    ['a rebound DNS name', { Host: 'evil.example:80' }],
    ['another port', { Host: '127.0.0.1:1' }],
    ['a foreign origin', { Origin: 'http://evil.example' }],
    ['our host on another scheme', { Origin: 'https://127.0.0.1' }],
    ['an opaque origin', { Origin: 'null' }],
  ])('%s is refused even with the token', async (_name, headers) => {
    const answer = await post('session.get', {}, headers);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'API_UNAUTHORIZED' } });
  });

  test('our own origin and localhost are accepted', async () => {
    expect((await post('session.get', {}, { Origin: `http://127.0.0.1:${shell.port}` })).status).toBe(200);
    expect((await post('session.get', {}, { Host: `localhost:${shell.port}`, Origin: `http://localhost:${shell.port}` })).status).toBe(200);
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp'])('Content-Type %s → 415', async (type) => {
    const answer = await post('session.get', {}, { 'Content-Type': type });
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'API_BAD_REQUEST' } });
  });

  test('a body over 64 KiB is refused; bad JSON too', async () => {
    const command = { type: 'setApplicant', applicant: { padding: 'x'.repeat(70_000) } };
    const big = await post('visit.send', { command });
    expect(big.status).toBe(413);
    // Without a Content-Length the stream itself is cut at the limit.
    const streamed = await request(shell.port, {
      method: 'POST',
      path: '/api/visit.send',
      headers: { 'Content-Type': 'application/json', 'X-Madoguchi-Token': shell.token, 'Transfer-Encoding': 'chunked' },
      body: JSON.stringify({ command }),
    });
    expect(streamed.status).toBe(413);
    const bad = await request(shell.port, { method: 'POST', path: '/api/session.get', headers: { 'Content-Type': 'application/json', 'X-Madoguchi-Token': shell.token }, body: '{"a":' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: 'API_BAD_REQUEST' } });
  });

  test('an unknown channel and a payload failing the schema answer codes', async () => {
    expect(JSON.parse((await post('visit.steal', {})).body)).toMatchObject({ ok: false, error: { code: 'API_UNKNOWN_CHANNEL' } });
    expect(JSON.parse((await post('__proto__', {})).body)).toMatchObject({ ok: false, error: { code: 'API_UNKNOWN_CHANNEL' } });
    const failing = JSON.parse((await postFrame('clerk.signIn', { clerkId: 'c01', pin: new Uint8Array(17).fill(0x31) })).body);
    expect(failing).toMatchObject({ ok: false, error: { code: 'API_BAD_REQUEST', details: { field: 'pin' } } });
    expect(JSON.parse((await post('session.get', { extra: 1 })).body)).toMatchObject({ ok: false, error: { code: 'API_BAD_REQUEST' } });
  });

  test('a channel with a secret refuses JSON before reading it: a secret never arrives as text', async () => {
    received.length = 0;
    for (const channel of ['clerk.signIn', 'visit.cardInfoPin', 'visit.passwords', 'selfService.provingPassword', 'selfService.newPassword']) {
      const answer = await post(channel, { clerkId: 'c01', pin: [0x31, 0x32, 0x33, 0x34] });
      expect([channel, answer.status]).toEqual([channel, 415]);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'API_BAD_REQUEST', details: { field: 'content-type' } } });
    }
    // And a frame is not taken by a channel without a secret.
    expect((await postFrame('session.get', {}, 'application/octet-stream')).status).toBe(415);
    expect(received).toEqual([]);
  });

  test('a secret frame reaches the handler as bytes, and the shell zeroes them once it has answered', async () => {
    received.length = 0;
    seenPins.length = 0;
    const answer = await postFrame('clerk.signIn', { clerkId: 'c01', pin: Uint8Array.of(0x39, 0x38, 0x37, 0x36) });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true });
    expect(received).toHaveLength(1);
    const got = received[0] as { clerkId: string; pin: unknown };
    expect(got.clerkId).toBe('c01');
    expect(got.pin).toBeInstanceOf(Uint8Array);
    expect([...(got.pin as Uint8Array)]).toEqual([0, 0, 0, 0]);
    expect(seenPins).toEqual(['9876']);
  });

  test('a malformed or oversized frame is refused with a code and never reaches the handler', async () => {
    received.length = 0;
    const oversized = Buffer.alloc(4096, 1);
    expect((await request(shell.port, { method: 'POST', path: '/api/clerk.signIn', headers: { 'Content-Type': 'application/octet-stream', 'X-Madoguchi-Token': shell.token }, body: oversized })).status).toBe(413);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        const answer = await request(shell.port, { method: 'POST', path: '/api/visit.cardInfoPin', headers: { 'Content-Type': 'application/octet-stream', 'X-Madoguchi-Token': shell.token }, body: Buffer.from(bytes) });
        expect(answer.status === 400 || answer.status === 200).toBe(true);
        expect(JSON.parse(answer.body)).toMatchObject({ ok: false });
      }),
      { numRuns: 60 },
    );
    expect(received).toEqual([]);
  });

  test('a GET on a channel is refused', async () => {
    const answer = await request(shell.port, { path: '/api/session.get', headers: { 'X-Madoguchi-Token': shell.token } });
    expect(answer.status).toBe(405);
  });

  test('serves the renderer with the security headers', async () => {
    const index = await request(shell.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>madoguchi</title>');
    expect(index.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['cache-control']).toBe('no-store');
    const script = await request(shell.port, { path: '/assets/app.js' });
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
  });

  test.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/%00', '/assets/../../secret.txt', '//etc/passwd', '/%ff', '/assets', '/missing.js'])(
    'path %s is not served',
    async (path) => {
      const answer = await request(shell.port, { path });
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain('TOP-SECRET');
      expect(answer.body).not.toContain('root:');
    },
  );

  test('SSE: refused without the token, a snapshot of every stream first, then changes, and a bounded number of clients', async () => {
    const refused = await request(shell.port, { path: '/api/events?token=nope' });
    expect(refused.status).toBe(401);
    const first = await openEvents(shell.port, `/api/events?token=${shell.token}`);
    const second = await openEvents(shell.port, `/api/events?token=${shell.token}`);
    try {
      expect(first.status).toBe(200);
      await first.waitFor(6);
      expect(first.events().map((e) => e.name)).toEqual(['visit', 'sync', 'readers', 'session', 'training', 'selfService']);
      events.emit('visit', fixtures.awaitingCard);
      await first.waitFor(7);
      expect(first.events()[6]).toEqual({ name: 'visit', data: fixtures.awaitingCard });
      const third = await request(shell.port, { path: `/api/events?token=${shell.token}` });
      expect(third.status).toBe(429);
    } finally {
      first.close();
      second.close();
    }
  });

  test('SSE: keep-alive comments keep an idle stream open', async () => {
    const quick = await startBrowserShell({ handlers: fakeHandlers([]), events: fakeEvents(), rendererDir, keepAliveMs: 10 });
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => http.get({ host: '127.0.0.1', port: quick.port, path: `/api/events?token=${quick.token}` }, resolve).on('error', reject));
    try {
      let text = '';
      for (let i = 0; i < 200 && !text.includes(': keep-alive'); i += 1) {
        text += await new Promise<string>((resolve) => stream.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
      }
      expect(text).toContain(': keep-alive\n\n');
    } finally {
      stream.destroy();
      await quick.close();
    }
  });

  test('fuzz: random channel names and bodies never crash the shell or answer 5xx', async () => {
    const names = fc.oneof(fc.constantFrom('session.get', 'clerk.signIn', 'visit.send', 'visit.passwords', 'queue.list', 'training.insertCard'), fc.string({ maxLength: 70 }));
    const bodies = fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')));
    await fc.assert(
      fc.asyncProperty(names, bodies, async (name, body) => {
        const answer = await request(shell.port, { method: 'POST', path: `/api/${encodeURIComponent(name)}`, headers: { 'Content-Type': 'application/json', 'X-Madoguchi-Token': shell.token }, body });
        expect(answer.status).toBeLessThan(500);
        const parsed: unknown = JSON.parse(answer.body);
        expect(parsed).toHaveProperty('ok');
      }),
      { numRuns: 150 },
    );
    expect((await post('session.get', {})).status).toBe(200);
  });
});
