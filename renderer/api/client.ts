/**
 * The renderer's one way to the host: Electron's preload object when present, else the browser
 * shell's HTTP bridge (docs/design.md §3). Both implement the same MadoguchiApi, so screens cannot
 * tell the shells apart.
 */
import type { ChannelName, EventName, EventPayloads, MadoguchiApi, RequestOf, ResponseOf } from '../../src/api/contract';
import type { Result } from '../../src/api/errors';
import { encodeSecretFrame, secretFieldsOf, secretFrameContentType } from '../../src/api/secret-frame';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts; absent in the browser shell. */
    madoguchi?: MadoguchiApi;
  }
}

export const tokenHeader = 'X-Madoguchi-Token';
const eventNames: readonly EventName[] = ['visit', 'sync', 'readers', 'session', 'training', 'selfService'];

/** What the bridge needs from the page, injectable so tests need no real network. */
export interface BridgeEnvironment {
  readonly fetch: typeof fetch;
  readonly openEventSource: (url: string) => EventSource;
  readonly baseUrl: string;
}

function isEnvelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null && 'code' in value.error;
}

/**
 * The browser-shell bridge: POST /api/<channel>, events from one EventSource opened on first
 * subscription (EventSource reconnects by itself). The page authenticates with the HttpOnly
 * cookie the shell set when its one-time bootstrap URL was opened (`token` null: the page never
 * sees the token); a client outside a browser that holds the token passes it as a header.
 */
export function createHttpApi(token: string | null, env: BridgeEnvironment): MadoguchiApi {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;

  function openEvents(): EventSource {
    const opened = env.openEventSource(`${env.baseUrl}/api/events${token === null ? '' : `?token=${encodeURIComponent(token)}`}`);
    for (const name of eventNames) {
      opened.addEventListener(name, (event: MessageEvent<string>) => {
        let payload: unknown;
        try {
          payload = JSON.parse(event.data);
        } catch {
          return; // a damaged message is dropped; the next one carries the whole state again
        }
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
    return opened;
  }

  return {
    async invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      // A request with a secret goes as a binary frame, never as JSON text (src/api/secret-frame.ts).
      const isSecret = secretFieldsOf(channel).length > 0;
      let frame: Uint8Array<ArrayBuffer> | undefined;
      let response: Response;
      try {
        frame = isSecret ? encodeSecretFrame(channel, request as Readonly<Record<string, unknown>>) : undefined;
        response = await env.fetch(`${env.baseUrl}/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': frame === undefined ? 'application/json' : secretFrameContentType, ...(token === null ? {} : { [tokenHeader]: token }) },
          body: frame ?? JSON.stringify(request),
          cache: 'no-store',
          credentials: 'same-origin',
        });
      } catch (error) {
        if (error instanceof RangeError) return { ok: false, error: { code: 'API_BAD_REQUEST', retryable: false, details: {} } };
        return { ok: false, error: { code: 'API_SHUTTING_DOWN', retryable: true, details: {} } };
      } finally {
        // fetch took its own copy of the body when it was called.
        frame?.fill(0);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      // The host answers every request with an envelope, even a refusal (401, 400).
      if (isEnvelope(body)) return body as Result<ResponseOf<C>>;
      const code = response.status === 401 || response.status === 403 ? 'API_UNAUTHORIZED' : 'INTERNAL';
      return { ok: false, error: { code, retryable: false, details: {} } };
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const wrapped: Listener = (payload) => listener(payload as EventPayloads[E]);
      set.add(wrapped);
      source ??= openEvents();
      return () => {
        set.delete(wrapped);
        const remaining = [...listeners.values()].reduce((n, s) => n + s.size, 0);
        if (remaining === 0 && source !== null) {
          source.close();
          source = null;
        }
      };
    },
  };
}

/** `window.madoguchi` under Electron; else the browser shell's HTTP bridge, on the session cookie. */
export function connectApi(): MadoguchiApi {
  if (window.madoguchi !== undefined) return window.madoguchi;
  // Late-bound, so the page's own fetch and EventSource are used whenever they are called.
  return createHttpApi(null, {
    fetch: (input, init) => window.fetch(input, init),
    openEventSource: (url) => new window.EventSource(url),
    baseUrl: '',
  });
}
