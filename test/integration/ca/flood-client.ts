/**
 * One flooding client of the load test (forked, so the test process keeps its own fds):
 * opens COUNT idle TCP connections to 127.0.0.1:PORT (never a ClientHello), reports how many
 * connected and how many the server closed, and destroys them all when told. Test code only.
 */
import { connect, type Socket } from 'node:net';

const [portText, countText] = process.argv.slice(2);
const port = Number(portText);
const count = Math.min(Number(countText), 10_000);
const sockets: Socket[] = [];
let connected = 0;
let closed = 0;

async function open(): Promise<void> {
  // In batches: a bounded number of connects in flight at once.
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, () => new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      sockets.push(socket);
      socket.once('connect', () => {
        connected += 1;
        resolve();
      });
      socket.once('error', () => resolve());
      socket.once('close', () => {
        closed += 1;
        resolve();
      });
    }));
    await Promise.all(batch);
  }
}

process.on('message', (message: unknown) => {
  if (message === 'count') process.send?.({ connected, closed, open: sockets.length - closed });
  if (message === 'release') {
    for (const socket of sockets) socket.destroy();
    process.send?.({ released: true }, () => process.exit(0));
  }
});
void open().then(() => process.send?.({ connected, closed, open: sockets.length - closed }));
