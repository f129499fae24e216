/**
 * Server-Sent Events for the browser shell: each client first gets the current value of every
 * event stream (so a reconnect needs nothing else), then the changes, and a comment every
 * keep-alive period so idle proxies and the browser keep the stream open. The number of clients
 * is bounded: one renderer needs one stream; more means something is wrong.
 */
import type * as http from 'node:http';
import type { EventName } from '../../api/contract';
import type { HostEvents } from '../../flows/events';
import { securityHeaders } from './static-files';

/** A client that lets this much pile up unread is gone or stuck: it is dropped, not buffered for ever. */
const maxBufferedBytes = 1024 * 1024;

interface Client {
  readonly res: http.ServerResponse;
  readonly unsubscribe: readonly (() => void)[];
}

export function formatEvent(name: string, payload: unknown): string {
  // JSON.stringify never emits a raw newline, so one `data:` line carries the whole payload.
  return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

export class SseHub {
  readonly #clients = new Set<Client>();
  readonly #keepAlive: NodeJS.Timeout;

  constructor(
    private readonly events: HostEvents,
    private readonly names: readonly EventName[],
    private readonly maxClients: number,
    keepAliveMs: number,
  ) {
    this.#keepAlive = setInterval(() => {
      for (const client of [...this.#clients]) this.#send(client, ': keep-alive\n\n');
    }, keepAliveMs);
    this.#keepAlive.unref();
  }

  get size(): number {
    return this.#clients.size;
  }

  /** Takes the response over as an event stream; false when the hub is full. */
  accept(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (this.#clients.size >= this.maxClients) return false;
    req.socket.setTimeout(0);
    res.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': madoguchi\n\n');
    for (const name of this.names) res.write(formatEvent(name, this.events.snapshot(name)));
    const unsubscribe: (() => void)[] = [];
    const client: Client = { res, unsubscribe };
    for (const name of this.names) unsubscribe.push(this.events.on(name, (payload) => this.#send(client, formatEvent(name, payload))));
    this.#clients.add(client);
    const drop = () => this.#drop(client);
    res.once('close', drop);
    req.once('close', drop);
    return true;
  }

  close(): void {
    clearInterval(this.#keepAlive);
    for (const client of [...this.#clients]) {
      this.#drop(client);
      client.res.end();
    }
  }

  #send(client: Client, text: string): void {
    if (client.res.writableLength > maxBufferedBytes) {
      this.#drop(client);
      client.res.destroy();
      return;
    }
    client.res.write(text);
  }

  #drop(client: Client): void {
    if (!this.#clients.delete(client)) return;
    for (const unsubscribe of client.unsubscribe) unsubscribe();
  }
}
