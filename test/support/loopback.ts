/** Fake servers on 127.0.0.1 for tests: listening, and closing without waiting on kept-alive connections. */
import type { AddressInfo, Server, Socket } from 'node:net';

/** Starts `server` on 127.0.0.1 (`port` 0: any free one) and answers the port it got. */
export async function listenOnLoopback(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** Destroys the open connections, then closes `server` (if any) and waits for it. */
export async function closeServer(server: Server | undefined, sockets: Iterable<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
}
