/**
 * The vpcd ports (35963, 35964) lie in Linux's ephemeral range. A client connection that holds
 * one when pcscd starts makes vpcd's bind fail, and pcscd then never opens that reader: a CA
 * flood test's sockets did exactly that to the next test file. The harness must wait for the
 * port rather than start a pcscd without the reader.
 */
import { spawnSync } from 'node:child_process';
import * as net from 'node:net';
import { vpcdBasePort } from '../../../src/virtual-card/vpcd-link';
import { ensurePcscd, insertVirtualCard, lockWaitMs } from '../../support/pcscd';
import { issuerKeyPair, stateWithPins } from '../../support/virtual-card';

jest.setTimeout(lockWaitMs + 120_000);

const pcscdAlreadyRunning = spawnSync('pgrep', ['-x', 'pcscd']).status === 0;
const slot1Port = vpcdBasePort + 1;

/** A loopback connection whose client end is bound to `localPort`. */
async function holdPort(localPort: number): Promise<{ release: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no server address');
  const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
  const client = net.connect({ host: '127.0.0.1', port: address.port, localAddress: '127.0.0.1', localPort });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  const serverSide = await accepted;
  return {
    release: async () => {
      // The server end closes first, so the TIME-WAIT lands on the server's port, not on the vpcd port.
      const clientSawEnd = new Promise<void>((resolve) => client.once('end', resolve));
      client.resume();
      serverSide.end();
      await clientSawEnd;
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isHeld(port: number): boolean {
  const out = spawnSync('ss', ['-tanH', `sport = :${port}`], { encoding: 'utf8' });
  return out.stdout.split('\n').some((line) => line.trim() !== '' && !line.startsWith('LISTEN'));
}

// With a pcscd already running (someone else's), the harness reuses it and starts none.
(pcscdAlreadyRunning ? test.skip : test)('pcscd starts only once a client socket on a vpcd port is gone, and then opens that reader', async () => {
  const holder = await holdPort(slot1Port);
  let settled = false;
  const starting = ensurePcscd().finally(() => {
    settled = true;
  });
  try {
    try {
      expect(isHeld(slot1Port)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(settled).toBe(false);
    } finally {
      await holder.release();
    }
    expect(isHeld(slot1Port)).toBe(false);
    await starting;
    const card = await insertVirtualCard(1, stateWithPins(issuerKeyPair().publicPem), { waitMs: 10_000 });
    await card.remove();
  } finally {
    await (await starting).release();
  }
});
