import { connectApi, createHttpApi, tokenHeader, type BridgeEnvironment } from '../../../renderer/api/client';
import { decodeSecretFrame, secretFrameContentType } from '../../../src/api/secret-frame';
import { states } from '../fixtures';
import { nth } from '../render';

type Listener = (event: MessageEvent<string>) => void;

class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly listeners = new Map<string, Listener[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(name: string, listener: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  push(name: string, data: string) {
    for (const l of this.listeners.get(name) ?? []) l({ data } as MessageEvent<string>);
  }
}

function env(respond: (url: string, init: RequestInit) => Promise<Response> | Response): { env: BridgeEnvironment; calls: { url: string; init: RequestInit }[] } {
  const calls: { url: string; init: RequestInit }[] = [];
  return {
    calls,
    env: {
      baseUrl: '',
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, init });
        return respond(url, init);
      }) as typeof fetch,
      openEventSource: (url) => new FakeEventSource(url) as unknown as EventSource,
    },
  };
}

function jsonResponse(status: number, body: unknown): Response {
  return { status, json: async () => body } as Response;
}

beforeEach(() => {
  FakeEventSource.instances = [];
});

describe('browser-shell bridge', () => {
  it('POSTs the request as JSON to /api/<channel> with the token header and returns the envelope', async () => {
    const visit = states.signedOut();
    const { env: e, calls } = env(() => jsonResponse(200, { ok: true, value: visit }));
    const api = createHttpApi('abc123', e);
    const result = await api.invoke('visit.send', { command: { type: 'cancel' } });
    expect(result).toEqual({ ok: true, value: visit });
    expect(calls).toHaveLength(1);
    expect(nth(calls, 0).url).toBe('/api/visit.send');
    expect(nth(calls, 0).init.method).toBe('POST');
    expect((nth(calls, 0).init.headers as Record<string, string>)[tokenHeader]).toBe('abc123');
    expect(JSON.parse(nth(calls, 0).init.body as string)).toEqual({ command: { type: 'cancel' } });
  });

  it('sends a secret as a binary frame, never as JSON text, and zeroes the frame once answered', async () => {
    const sent: Uint8Array[] = [];
    const { env: e, calls } = env((_url, init) => {
      sent.push((init.body as Uint8Array).slice());
      return jsonResponse(200, { ok: true, value: states.signedOut() });
    });
    const sign = Uint8Array.from(Buffer.from('QZ7XK9WV2M', 'latin1'));
    const auth = Uint8Array.from(Buffer.from('8642', 'latin1'));
    await createHttpApi('t', e).invoke('visit.passwords', { sign, auth });
    const init = nth(calls, 0).init;
    expect((init.headers as Record<string, string>)['Content-Type']).toBe(secretFrameContentType);
    expect(init.body).toBeInstanceOf(Uint8Array);
    const frame = sent[0] ?? new Uint8Array();
    expect(Buffer.from(frame).includes(Buffer.from([81, 90, 55].join(',')))).toBe(false);
    const decoded = decodeSecretFrame('visit.passwords', frame);
    expect(decoded.ok && Object.fromEntries(Object.entries(decoded.value).map(([k, v]) => [k, Buffer.from(v as Uint8Array).toString('latin1')]))).toEqual({ sign: 'QZ7XK9WV2M', auth: '8642' });
    // The body handed to fetch is wiped after the call; the caller's own bytes are the caller's to wipe.
    expect((init.body as Uint8Array).every((b) => b === 0)).toBe(true);
  });

  it('passes an error envelope through, even with a 4xx status', async () => {
    const { env: e } = env(() => jsonResponse(400, { ok: false, error: { code: 'API_BAD_REQUEST', retryable: false, details: { field: 'pin' } } }));
    const result = await createHttpApi('t', e).invoke('visit.cardInfoPin', { pin: Uint8Array.of(1), confirmLastTry: false });
    expect(result).toEqual({ ok: false, error: { code: 'API_BAD_REQUEST', retryable: false, details: { field: 'pin' } } });
  });

  it('turns a refusal without an envelope into API_UNAUTHORIZED, a broken body into INTERNAL, a network failure into a retryable error', async () => {
    expect(await createHttpApi('t', env(() => jsonResponse(401, 'no')).env).invoke('session.get', {})).toEqual({ ok: false, error: { code: 'API_UNAUTHORIZED', retryable: false, details: {} } });
    const broken = { status: 500, json: async () => Promise.reject(new SyntaxError('bad')) } as unknown as Response;
    expect(await createHttpApi('t', env(() => broken).env).invoke('session.get', {})).toEqual({ ok: false, error: { code: 'INTERNAL', retryable: false, details: {} } });
    const down = await createHttpApi('t', env(() => Promise.reject(new TypeError('fetch failed'))).env).invoke('session.get', {});
    expect(down.ok).toBe(false);
    expect(!down.ok && down.error.retryable).toBe(true);
  });

  it('opens one EventSource with the token, delivers named JSON events, and closes after the last unsubscribe', () => {
    const api = createHttpApi('beef', env(() => jsonResponse(200, {})).env);
    const visits: unknown[] = [];
    const syncs: unknown[] = [];
    const offVisit = api.on('visit', (v) => visits.push(v));
    const offSync = api.on('sync', (s) => syncs.push(s));
    expect(FakeEventSource.instances).toHaveLength(1);
    const source = nth(FakeEventSource.instances, 0);
    expect(source.url).toBe('/api/events?token=beef');
    source.push('visit', JSON.stringify(states.awaitingCard()));
    source.push('visit', '{not json');
    source.push('sync', JSON.stringify({ depth: 3 }));
    expect(visits).toEqual([states.awaitingCard()]);
    expect(syncs).toEqual([{ depth: 3 }]);
    offVisit();
    source.push('visit', JSON.stringify(states.signedOut()));
    expect(visits).toHaveLength(1);
    expect(source.closed).toBe(false);
    offSync();
    expect(source.closed).toBe(true);
  });
});

describe('connectApi', () => {
  afterEach(() => {
    delete window.madoguchi;
    window.history.replaceState(null, '', '/');
  });

  it('uses the Electron preload object when there is one', () => {
    const preload = { invoke: jest.fn(), on: jest.fn() };
    window.madoguchi = preload;
    expect(connectApi()).toBe(preload);
  });

  it('otherwise builds the HTTP bridge on the session cookie: no token in the page, none in a header or a URL', async () => {
    window.history.replaceState(null, '', '/index.html');
    const fetchMock = jest.fn(async (_url: string, _init: RequestInit) => jsonResponse(200, { ok: true, value: 1 }));
    window.fetch = fetchMock as unknown as typeof fetch;
    const api = connectApi();
    await api.invoke('session.get', {});
    expect(fetchMock).toHaveBeenCalledWith('/api/session.get', expect.objectContaining({ credentials: 'same-origin' }));
    const init = fetchMock.mock.calls[0]?.[1];
    expect(Object.keys((init?.headers ?? {}) as Record<string, string>)).not.toContain(tokenHeader);
  });
});
